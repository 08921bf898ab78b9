/// Where a ZIP directory puts each entry's data, and the offsets and sizes it gives in
/// ZIP64 fields, checked to lie inside the file before ZIPFoundation follows them.
///
/// ZIPFoundation 0.9 converts them to signed integers unchecked (`off_t(offset)`,
/// `Int64(size)`; its `<= .max` guards compare with UInt64.max) and adds them unchecked,
/// so a ZIP64 value past Int64.max traps, in listing the entries or in extracting one;
/// and a stored entry listed at 2^62 bytes in a file of a few hundred has it read 2^48
/// empty chunks. No real archive puts data past its own end, so such a value is damage.
///
/// For that check each value is read as ZIPFoundation reads it: the ZIP64 field's value
/// where the classic field holds 0xFFFFFFFF and that value is not 0, else the classic
/// one. Only ZIP64 values are checked here, since ZIPFoundation's listing copes with
/// classic ones, and real archives hold some that point nowhere: ZIP64 writers list a
/// folder's size as 0xFFFFFFFF with a ZIP64 value of 0.
///
/// The locations returned, from which `ZipEntryData` reads the data, take the ZIP64
/// value wherever the classic field holds 0xFFFFFFFF, 0 included, as the ZIP format and
/// Python's zipfile do: an empty file zipped with ZIP64 (`zip -fz`) is listed so.
/// `ZipEntryData` checks those against the file's end itself.
enum ZipDirectoryBounds {
    private static let marker: UInt64 = 0xFFFF_FFFF

    /// Walks the `entries` directory records from `start` (`wideStart`: as a ZIP64 end
    /// record gives it) and returns where each puts its entry's data; stops, as
    /// ZIPFoundation's listing does, at one it cannot read (the caller's entry count then
    /// tells).
    static func check(fileSize: UInt64, start: UInt64, wideStart: Bool, entries: UInt64,
                      bytes: (UInt64, Int) throws -> [UInt8]) throws -> [ZipEntryLocation] {
        if wideStart, start > fileSize { throw ZipDirectoryDamage.directoryOutsideFile(start: start, fileSize: fileSize) }
        var locations: [ZipEntryLocation] = []
        var position = start
        var index: UInt64 = 0
        while index < entries {
            let record = try bytes(position, 46)
            guard record.count == 46, record.starts(with: [0x50, 0x4B, 0x01, 0x02]) else { return locations }
            let nameLength = Int(ZipEntryList.littleEndian(record, at: 28, bytes: 2))
            let extraLength = Int(ZipEntryList.littleEndian(record, at: 30, bytes: 2))
            let commentLength = Int(ZipEntryList.littleEndian(record, at: 32, bytes: 2))
            let variable = try bytes(position + 46, nameLength + extraLength)
            guard variable.count == nameLength + extraLength else { return locations }
            var zip64 = zip64Values(in: Array(variable[nameLength...]))
            // ZIPFoundation's order: uncompressed size, compressed size, local header offset.
            // value: as ZIPFoundation reads it, for the check; stored: as the format means it.
            func value(at offset: Int) -> (value: UInt64, wide: Bool, stored: UInt64) {
                let classic = ZipEntryList.littleEndian(record, at: offset, bytes: 4)
                guard classic == marker, !zip64.isEmpty else { return (classic, false, classic) }
                let wide = zip64.removeFirst()
                return wide > 0 ? (wide, true, wide) : (classic, false, wide)
            }
            let uncompressed = value(at: 24), compressed = value(at: 20), offset = value(at: 42)
            // The data read: a stored entry's is its uncompressed size, another's its compressed size.
            let method = ZipEntryList.littleEndian(record, at: 10, bytes: 2)
            let stored = method == 0
            let wideSizes = [compressed, stored ? uncompressed : (0, false, 0)].filter(\.wide).map(\.value)
            // Only what came from a ZIP64 field: a classic size beside a ZIP64 offset may be
            // a folder's 0xFFFFFFFF.
            let size = wideSizes.max()
            let name = String(decoding: variable[..<nameLength], as: UTF8.self)
            if offset.wide || size != nil, !(offset.value <= fileSize && size ?? 0 <= fileSize - offset.value) {
                throw ZipDirectoryDamage.entryOutsideFile(name: name, offset: offset.value, size: size, fileSize: fileSize)
            }
            locations.append(ZipEntryLocation(name: name, localHeaderOffset: offset.stored, method: method,
                                              compressedSize: compressed.stored, uncompressedSize: uncompressed.stored,
                                              checksum: UInt32(ZipEntryList.littleEndian(record, at: 16, bytes: 4))))
            position += UInt64(46 + nameLength + extraLength + commentLength)
            index += 1
        }
        return locations
    }

    /// Refuses entries whose local header and data overlap another's. No writer makes
    /// them, and many directory records pointing at one highly compressed stream would
    /// multiply it: a few megabytes written out as terabytes (an "overlapping zip bomb").
    /// Each entry spans at least its 30-byte local header and its data; the names and
    /// extra fields between them only lengthen that.
    static func checkNoOverlap(_ locations: [ZipEntryLocation]) throws {
        let byOffset = locations.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
        for (entry, next) in zip(byOffset, byOffset.dropFirst()) {
            let (span, longer) = entry.dataSize.addingReportingOverflow(30)
            let (end, past) = entry.localHeaderOffset.addingReportingOverflow(span)
            if longer || past || end > next.localHeaderOffset {
                throw ZipDirectoryDamage.overlappingEntries(entry.name, next.name)
            }
        }
    }

    /// The 8-byte values of the first ZIP64 extra field (id 1), found as ZIPFoundation
    /// finds it; as many as the field holds.
    private static func zip64Values(in extra: [UInt8]) -> [UInt64] {
        var offset = 0
        while offset < extra.count - 4 {
            let id = ZipEntryList.littleEndian(extra, at: offset, bytes: 2)
            let next = offset + 4 + Int(ZipEntryList.littleEndian(extra, at: offset + 2, bytes: 2))
            guard next <= extra.count else { return [] }
            if id == 1 {
                return stride(from: offset + 4, through: next - 8, by: 8).map { ZipEntryList.littleEndian(extra, at: $0, bytes: 8) }
            }
            offset = next
        }
        return []
    }
}
