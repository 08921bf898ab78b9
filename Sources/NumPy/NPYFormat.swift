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
        let bytes = [UInt8](data)
        guard bytes.count >= 6, Array(bytes[0..<6]) == magic else { throw NumPyError.notNPY(file: name) }
        guard bytes.count >= 10 else { throw NumPyError.malformedHeader(file: name, reason: "file ends inside the header") }
        let major = bytes[6], minor = bytes[7]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw NumPyError.malformedHeader(file: name, reason: "file ends inside the header length") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw NumPyError.unsupportedVersion(file: name, major: major, minor: minor)
        }
        guard minor == 0 else { throw NumPyError.unsupportedVersion(file: name, major: major, minor: minor) }
        let dataStart = headerStart + headerLength
        guard bytes.count >= dataStart else {
            throw NumPyError.malformedHeader(file: name, reason: "file ends inside the header")
        }
        let headerBytes = Array(bytes[headerStart..<dataStart])
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
        guard bytes.count - dataStart >= byteCount else {
            throw NumPyError.truncated(file: name, expectedBytes: byteCount, actualBytes: bytes.count - dataStart)
        }
        let payload = data.subdata(in: (data.startIndex + dataStart)..<(data.startIndex + dataStart + byteCount))
        let stored = try format.values(of: payload, count: count, file: name, fortranShape: header.fortranOrder ? header.shape : nil)
        let storage = header.fortranOrder ? stored.fromFortranOrder(shape: header.shape) : stored
        return try NPYArray(shape: header.shape, storage: storage)
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
            try encode(array).write(to: url, options: atomically ? .atomic : [])
        } catch {
            throw NumPyError.io(file: url.path, reason: "cannot write: \(IOFailure.reason(of: error))")
        }
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ values: [T], to data: inout Data) {
        let le = values.map { $0.littleEndian }
        le.withUnsafeBytes { data.append(contentsOf: $0) }
    }
}
