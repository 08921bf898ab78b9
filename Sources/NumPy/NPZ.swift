import Foundation
import ZIPFoundation

/// NumPy `.npz` archives: a ZIP file with one `.npy` entry per array, named `<key>.npy`.
///
/// `np.savez` writes stored (uncompressed) entries and `np.savez_compressed` deflated ones;
/// both are read. Entries keep their archive order, which is the order the arrays were
/// given to `savez` (Keras weight files rely on it). An entry is extracted and decoded
/// only when asked for, as `np.load` does: an archive may hold entries of dtypes this
/// project does not read (e.g. strings), and a huge entry nobody asks for costs nothing.
public struct NPZFile {
    /// Where the archive was read from, for error messages.
    public let path: String
    /// The array names, without the `.npy` suffix, in archive order.
    public let names: [String]
    private let entries: [String: ZipEntry]

    /// Opens an `.npz` file and reads its directory.
    ///
    /// - Throws: `NumPyError.io` naming the file for a missing file, a folder, a file that
    ///   is not a ZIP archive, a damaged directory, or two entries with one name (one of
    ///   them would be silently lost).
    public init(contentsOf url: URL) throws {
        path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw NumPyError.io(file: url.path, reason: "cannot read: \(String(cString: strerror(ENOENT)))")
        }
        guard !isDirectory.boolValue else {
            throw NumPyError.io(file: url.path, reason: "cannot read: \(String(cString: strerror(EISDIR)))")
        }
        let all: [ZipEntry]
        do {
            let file = try ZipArchiveFile(url: url)  // first: see ZipEntryList.entries
            all = try ZipEntryList.entries(of: try Archive(url: url, accessMode: .read), in: file)
        } catch {
            throw NumPyError.io(file: url.path, reason: "not a readable .npz (ZIP) archive: \(ZipFailure.reason(of: error))")
        }
        var names: [String] = []
        var entries: [String: ZipEntry] = [:]
        for entry in all where entry.type == .file {
            let name = entry.path.hasSuffix(".npy") ? String(entry.path.dropLast(4)) : entry.path
            guard entries.updateValue(entry, forKey: name) == nil else {
                throw NumPyError.io(file: url.path, reason: "holds two arrays named '\(name)'; which one is meant is unclear")
            }
            names.append(name)
        }
        self.names = names
        self.entries = entries
    }

    /// The array stored under `name` (without `.npy`).
    public func array(named name: String) throws -> NPYArray {
        guard let entry = entries[name] else { throw NumPyError.missingArray(file: path, name: name, available: names) }
        let member = "\(path)[\(name)]"
        var bytes = Data()
        var headerChecked = false
        do {
            try ZipEntryData.read(entry) { chunk in
                bytes.append(chunk)
                // The header says how many bytes the values need: a shape of 10^12 values in
                // a small entry is refused here, before the rest is inflated and kept. A
                // header that cannot be read is reported by `decode` once the entry has been
                // read whole, unless damage found on the way explains it first.
                guard !headerChecked, bytes.count >= 12 else { return }
                let layout: NPYLayout?
                do { layout = try NPY.layout(ofPrefix: bytes, name: member) } catch { headerChecked = true; return }
                guard let layout else { return }  // the header goes on in the next chunk
                headerChecked = true
                let listed = entry.location.uncompressedSize, needed = UInt64(layout.dataStart) + UInt64(layout.byteCount)
                guard needed <= listed else {
                    throw NumPyError.truncated(file: member, expectedBytes: layout.byteCount,
                                               actualBytes: Int(listed) - layout.dataStart)
                }
            }
        } catch let error as NumPyError {
            throw error
        } catch {
            throw NumPyError.io(file: path, reason: "cannot extract '\(entry.path)': \(ZipFailure.reason(of: error))")
        }
        return try NPY.decode(bytes, name: member)
    }

    /// Whether the archive holds an array called `name`.
    public func contains(_ name: String) -> Bool { entries[name] != nil }
}

/// Writing `.npz` archives.
public enum NPZ {
    /// Reads an `.npz` archive; see `NPZFile`.
    public static func read(contentsOf url: URL) throws -> NPZFile {
        try NPZFile(contentsOf: url)
    }

    /// Writes `arrays` (name, array) in the given order as `<name>.npy` entries, stored
    /// uncompressed like `np.savez`, or deflated like `np.savez_compressed` when `compressed`.
    /// The file is written atomically (a reader never sees a half-written archive) unless
    /// the caller renames a temporary file itself (`atomically: false`; see `NPY.write`).
    public static func write(_ arrays: [(name: String, array: NPYArray)], to url: URL, compressed: Bool = false,
                             atomically: Bool = true) throws {
        let data = try encode(arrays, compressed: compressed, for: url)
        do {
            try data.write(to: url, options: atomically ? .atomic : [])
        } catch {
            throw NumPyError.io(file: url.path, reason: "cannot write: \(ZipFailure.reason(of: error))")
        }
    }

    /// The bytes `write` would write, for a caller that writes them together with other
    /// files (`FileSet.writeTogether`); `url` only names the file in errors.
    public static func encode(_ arrays: [(name: String, array: NPYArray)], compressed: Bool = false,
                              for url: URL) throws -> Data {
        var seen = Set<String>()
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (name, array) in arrays {
                guard seen.insert(name).inserted else {
                    throw NumPyError.io(file: url.path, reason: "the array name '\(name)' is given twice")
                }
                let bytes = NPY.encode(array)
                try archive.addEntry(with: name + ".npy", type: .file, uncompressedSize: Int64(bytes.count),
                                     compressionMethod: compressed ? .deflate : .none) { position, size in
                    bytes.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
            guard let data = archive.data else {
                throw NumPyError.io(file: url.path, reason: "the archive could not be assembled in memory")
            }
            return data
        } catch let error as NumPyError {
            throw error
        } catch {
            throw NumPyError.io(file: url.path, reason: "cannot write: \(ZipFailure.reason(of: error))")
        }
    }
}
