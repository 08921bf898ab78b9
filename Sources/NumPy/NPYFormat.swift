import Foundation

/// Reading and writing the NumPy `.npy` format, versions 1.0 to 3.0
/// (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html).
///
/// Layout: the magic `\x93NUMPY`, a major and minor version byte, the header length
/// (2 bytes little-endian in 1.0, 4 bytes in 2.0 and 3.0), then an ASCII (UTF-8 in 3.0)
/// Python dict literal with `descr`, `fortran_order` and `shape`, padded with spaces and
/// a newline, then the raw values.
public enum NPY {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

    /// Reads an `.npy` file.
    public static func read(contentsOf url: URL) throws -> NPYArray {
        // Foundation reports a pipe or device as "Permission denied"; say what it is.
        var status = stat()
        if stat(url.path, &status) == 0, status.st_mode & S_IFMT != S_IFREG, status.st_mode & S_IFMT != S_IFDIR {
            throw NumPyError.io(file: url.path, reason: "cannot read: not a regular file (a pipe or device); give a .npy file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw NumPyError.io(file: url.path, reason: "cannot read: \(IOFailure.reason(of: error))")
        }
        return try decode(data, name: url.path)
    }

    /// Decodes the bytes of an `.npy` file; `name` is used in error messages.
    public static func decode(_ data: Data, name: String = "<data>") throws -> NPYArray {
        guard let layout = try layout(ofPrefix: data, name: name) else {
            // Versions 2 and 3 give the header's length in 4 bytes, at 8 to 11.
            let part = (10..<12).contains(data.count) && data[data.startIndex + 6] != 1 ? "header length" : "header"
            throw NumPyError.malformedHeader(file: name, reason: "file ends inside the \(part)")
        }
        guard data.count - layout.dataStart >= layout.byteCount else {
            throw NumPyError.truncated(file: name, expectedBytes: layout.byteCount, actualBytes: data.count - layout.dataStart)
        }
        let start = data.startIndex + layout.dataStart
        let payload = data.subdata(in: start..<(start + layout.byteCount))
        let header = layout.header
        let stored = try layout.format.values(of: payload, count: layout.count, file: name,
                                              fortranShape: header.fortranOrder ? header.shape : nil)
        let storage = header.fortranOrder ? stored.fromFortranOrder(shape: header.shape) : stored
        return try NPYArray(shape: header.shape, storage: storage)
    }

    /// What the header of an `.npy` file says, read from the file's first bytes (`prefix`,
    /// at least 6), or nil when they end before the header does. Nothing is allocated for the values,
    /// so a reader can check the size they need against what it holds first.
    ///
    /// - Throws: `NumPyError` for a file that is not `.npy`, a header this reader does not
    ///   read, or a shape whose byte count does not fit in an Int.
    static func layout(ofPrefix data: Data, name: String) throws -> NPYLayout? {
        let head = [UInt8](data.prefix(12))
        guard head.count >= 6, Array(head[0..<6]) == magic else { throw NumPyError.notNPY(file: name) }
        guard head.count >= 10 else { return nil }
        let major = head[6], minor = head[7]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(head[8]) | Int(head[9]) << 8
            headerStart = 10
        case 2, 3:
            guard head.count >= 12 else { return nil }
            headerLength = Int(head[8]) | Int(head[9]) << 8 | Int(head[10]) << 16 | Int(head[11]) << 24
            headerStart = 12
        default:
            throw NumPyError.unsupportedVersion(file: name, major: major, minor: minor)
        }
        guard minor == 0 else { throw NumPyError.unsupportedVersion(file: name, major: major, minor: minor) }
        let dataStart = headerStart + headerLength
        guard data.count >= dataStart else { return nil }
        let headerBytes = data[(data.startIndex + headerStart)..<(data.startIndex + dataStart)]
        guard let headerText = major == 3 ? String(bytes: headerBytes, encoding: .utf8)
                                          : String(bytes: headerBytes, encoding: .isoLatin1) else {
            throw NumPyError.malformedHeader(file: name, reason: "the header is not text")
        }
        let header = try NPYHeader.parse(headerText, file: name)
        guard let format = NPYElementFormat(descr: header.descr) else {
            throw NumPyError.unsupportedDType(file: name, descr: header.descr)
        }
        guard let count = NPYArray.elementCount(header.shape),
              case (let byteCount, false) = count.multipliedReportingOverflow(by: format.byteCount) else {
            throw NumPyError.malformedHeader(file: name, reason: "shape \(header.shape) is too large to be an array")
        }
        return NPYLayout(header: header, format: format, count: count, dataStart: dataStart, byteCount: byteCount)
    }

    /// Encodes an array as a version 1.0 `.npy` file (version 2.0 if the header needs it),
    /// the header padded so the data starts on a 64-byte boundary, as NumPy does.
    public static func encode(_ array: NPYArray) -> Data {
        let shapeText: String
        switch array.shape.count {
        case 0: shapeText = "()"
        case 1: shapeText = "(\(array.shape[0]),)"
        default: shapeText = "(" + array.shape.map(String.init).joined(separator: ", ") + ")"
        }
        var dict = "{'descr': '\(array.dtype.rawValue)', 'fortran_order': False, 'shape': \(shapeText), }"
        let useVersion2 = dict.utf8.count + 12 + 1 > 65535
        let prefix = useVersion2 ? 12 : 10
        let total = prefix + dict.utf8.count + 1
        dict += String(repeating: " ", count: (64 - total % 64) % 64) + "\n"
        var out = Data(magic)
        let length = dict.utf8.count
        if useVersion2 {
            out.append(contentsOf: [2, 0, UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF),
                                    UInt8(length >> 16 & 0xFF), UInt8(length >> 24 & 0xFF)])
        } else {
            out.append(contentsOf: [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)])
        }
        out.append(contentsOf: Array(dict.utf8))
        switch array.storage {
        case .float32(let v): appendLittleEndian(v.map(\.bitPattern), to: &out)
        case .float64(let v): appendLittleEndian(v.map(\.bitPattern), to: &out)
        case .int64(let v): appendLittleEndian(v.map { UInt64(bitPattern: $0) }, to: &out)
        }
        return out
    }

    /// Writes an `.npy` file atomically: a reader never sees a half-written file. A caller
    /// that already writes to a temporary name of its own and renames it (a cache) passes
    /// `atomically: false`: an atomic write adds a temporary file of its own beside it,
    /// which a kill mid-write would leave behind.
    public static func write(_ array: NPYArray, to url: URL, atomically: Bool = true) throws {
        do {
            try encode(array).write(to: atomically ? FileSet.destination(of: url) : url, options: atomically ? .atomic : [])
        } catch {
            throw NumPyError.io(file: url.path, reason: "cannot write: \(IOFailure.reason(of: error))")
        }
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ values: [T], to data: inout Data) {
        let le = values.map { $0.littleEndian }
        le.withUnsafeBytes { data.append(contentsOf: $0) }
    }
}

/// Where an `.npy` file's values lie and how to read them, from its header.
struct NPYLayout {
    let header: NPYHeader
    let format: NPYElementFormat
    /// The number of values the shape holds.
    let count: Int
    /// The offset of the first value: the header's end.
    let dataStart: Int
    /// The bytes the values take.
    let byteCount: Int
}
