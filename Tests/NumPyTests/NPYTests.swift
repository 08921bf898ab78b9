import Foundation
import NumPy
import TestSupport
import XCTest

final class NPYTests: XCTestCase {
    /// The seed x.npy must read to exactly the float64 values NumPy reads
    /// (probe written by scripts/reference/npy_probe.py).
    func testSeedFeaturesReadExactlyAsNumPyReadsThem() throws {
        let x = try NPY.read(contentsOf: ReferencePaths.seedFeatures().appendingPathComponent("x.npy"))
        let probeData = try Data(contentsOf: ReferencePaths.fixture("NumPyTests", "x_npy_probe.json"))
        struct Probe: Decodable { let shape: [Int]; let dtype: String; let positions: [Int]; let values_hex: [String]; let fsum_hex: String }
        let probe = try JSONDecoder().decode(Probe.self, from: probeData)
        XCTAssertEqual(x.shape, probe.shape)
        XCTAssertEqual(x.dtype.rawValue, probe.dtype)
        let values = x.doubles
        for (position, hex) in zip(probe.positions, probe.values_hex) {
            let expected = try XCTUnwrap(Double(hex), "fixture value \(hex)")
            XCTAssertEqual(values[position].bitPattern, expected.bitPattern, "value at flat index \(position)")
        }
        let exactSum = try XCTUnwrap(Double(probe.fsum_hex))
        XCTAssertEqual(values.reduce(0, +), exactSum, accuracy: abs(exactSum) * 1e-12)
    }

    func testRoundTripsEveryDTypeAndShape() throws {
        let arrays = [
            try NPYArray(float64: [1.5, -2.25, .pi, 0, -0.0, 1e300], shape: [2, 3]),
            try NPYArray(float32: [1, 2, 3, 4, 5, 6, 7, 8], shape: [2, 2, 2]),
            try NPYArray(int64: [0, -1, .max, .min]),
            try NPYArray(float64: [], shape: [0, 386]),
            try NPYArray(float64: [42], shape: []),
        ]
        for array in arrays {
            let data = NPY.encode(array)
            XCTAssertEqual(data.prefix(6), Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]))
            let headerLength = Int(data[8]) | Int(data[9]) << 8
            XCTAssertEqual((10 + headerLength) % 64, 0, "data must start on a 64-byte boundary as NumPy writes it")
            XCTAssertEqual(try NPY.decode(data), array)
        }
    }

    func testReadsVersion2And3Headers() throws {
        for major: UInt8 in [2, 3] {
            let header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }"
            var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, major, 0])
            let padded = header + String(repeating: " ", count: 64 - (12 + header.utf8.count + 1) % 64) + "\n"
            let n = padded.utf8.count
            data.append(contentsOf: [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), 0, 0])
            data.append(contentsOf: Array(padded.utf8))
            for v in [0.5, -7.0] { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
            XCTAssertEqual(try NPY.decode(data).doubles, [0.5, -7.0])
        }
    }

    /// Arrays as NumPy saves them in other integer and boolean types, big-endian, or in
    /// Fortran order read to the values NumPy reads (fixtures written by
    /// scripts/reference/npy_dtypes.py), integers and booleans widened to int64.
    func testReadsOtherDTypesByteOrdersAndFortranOrderAsNumPyDoes() throws {
        struct Case: Decodable {
            let descr: String, fortran_order: Bool, shape: [Int], kind: String
            let values: [Value]
            enum Value: Decodable {
                case integer(Int64), hex(String)
                init(from decoder: Decoder) throws {
                    let container = try decoder.singleValueContainer()
                    if let i = try? container.decode(Int64.self) { self = .integer(i) } else { self = .hex(try container.decode(String.self)) }
                }
            }
        }
        let folder = ReferencePaths.fixture("NumPyTests", "dtypes")
        let cases = try JSONDecoder().decode([String: Case].self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))
        XCTAssertEqual(cases.count, 13)
        XCTAssertTrue(cases.values.contains { $0.fortran_order } && cases.values.contains { $0.descr.hasPrefix(">") })
        for (name, expected) in cases.sorted(by: { $0.key < $1.key }) {
            let array = try NPY.read(contentsOf: folder.appendingPathComponent("\(name).npy"))
            XCTAssertEqual(array.shape, expected.shape, name)
            switch expected.kind {
            case "integer":
                XCTAssertEqual(array.dtype, .int64, name)
                let wanted = expected.values.map { if case .integer(let i) = $0 { return i } else { return Int64.min } }
                XCTAssertEqual(try array.integers(), wanted, name)
            default:
                XCTAssertEqual(array.dtype, expected.descr.hasSuffix("4") ? .float32 : .float64, name)
                let wanted = try expected.values.map { value -> UInt64 in
                    guard case .hex(let text) = value, let v = Double(text) else { throw NumPyError.notIntegral(index: -1, value: .nan) }
                    return v.bitPattern
                }
                XCTAssertEqual(array.doubles.map(\.bitPattern), wanted, name)
            }
        }
    }

    /// A pipe or device is named as such (Foundation says "Permission denied").
    func testAPipeIsNotARegularFile() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("npy-\(UUID().uuidString).npy")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        defer { try? FileManager.default.removeItem(at: fifo) }
        XCTAssertThrowsError(try NPY.read(contentsOf: fifo)) {
            XCTAssertEqual($0 as? NumPyError, .io(file: fifo.path, reason: "cannot read: not a regular file (a pipe or device); give a .npy file"))
        }
    }

    func testRejectsWhatItCannotRepresentWithClearErrors() throws {
        func header(_ dict: String, major: UInt8 = 1) -> Data {
            var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, major, 0])
            let n = dict.utf8.count
            data.append(contentsOf: [UInt8(n & 0xFF), UInt8(n >> 8)])
            data.append(contentsOf: Array(dict.utf8))
            return data + Data(count: 64)
        }
        XCTAssertThrowsError(try NPY.decode(Data("hello, not numpy".utf8), name: "a.npy")) {
            XCTAssertEqual($0 as? NumPyError, .notNPY(file: "a.npy"))
        }
        for descr in ["<c16", "<f2", "|S3", "<U1", "|i4", "<i3", "<b2"] {
            XCTAssertThrowsError(try NPY.decode(header("{'descr': '\(descr)', 'fortran_order': False, 'shape': (2,), }"), name: "b.npy")) {
                XCTAssertEqual($0 as? NumPyError, .unsupportedDType(file: "b.npy", descr: descr))
                // Complex values get advice that keeps their imaginary parts; the rest .astype().
                XCTAssertTrue("\($0)".contains("b.npy") && "\($0)".contains(descr == "<c16" ? "np.abs(a)" : ".astype()"), "\($0)")
            }
        }
        XCTAssertThrowsError(try NPY.decode(header("{'descr': [('a', '<f8'), ('b', '<i4')], 'fortran_order': False, 'shape': (2,), }"), name: "s.npy")) {
            XCTAssertEqual("\($0)", "s.npy: a structured array (named fields) is not supported; save one field of it, e.g. np.save(f, a['name'])")
        }
        // A uint64 beyond int64's range cannot be held, and says which value.
        var large = header("{'descr': '<u8', 'fortran_order': False, 'shape': (1,), }").dropLast(64)
        withUnsafeBytes(of: UInt64.max.littleEndian) { large.append(contentsOf: $0) }
        XCTAssertThrowsError(try NPY.decode(large, name: "c.npy")) {
            XCTAssertEqual($0 as? NumPyError, .valueOutOfRange(file: "c.npy", index: 0, value: "18446744073709551615",
                                                               reason: "does not fit in int64, which uint64 values are read into"))
        }
        // A Fortran-order (2, 3) array stores (0,0) (1,0) (0,1) (1,1) (0,2) (1,2): the fifth
        // value stored is a[0, 2], NumPy's a.flat[2].
        var fortran = header("{'descr': '<u8', 'fortran_order': True, 'shape': (2, 3), }").dropLast(64)
        for value in [1, 2, 3, 4, UInt64.max, 6] as [UInt64] { withUnsafeBytes(of: value.littleEndian) { fortran.append(contentsOf: $0) } }
        XCTAssertThrowsError(try NPY.decode(fortran, name: "f.npy")) {
            guard case .valueOutOfRange(_, let index, _, _)? = $0 as? NumPyError else { return XCTFail("\($0)") }
            XCTAssertEqual(index, 2)
        }
        XCTAssertThrowsError(try NPY.decode(header("{'descr': '<f8', 'fortran_order': False, 'shape': (100,), }"), name: "d.npy")) {
            XCTAssertEqual($0 as? NumPyError, .truncated(file: "d.npy", expectedBytes: 800, actualBytes: 64))
        }
        XCTAssertThrowsError(try NPY.decode(header("{'descr': '<f8', 'shape': (2,), }"), name: "e.npy"))
        XCTAssertThrowsError(try NPY.decode(header("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", major: 4), name: "f.npy")) {
            XCTAssertEqual($0 as? NumPyError, .unsupportedVersion(file: "f.npy", major: 4, minor: 0))
        }
        // Shapes whose element or byte count overflows an Int are errors, not a trap.
        for (shape, descr) in [("(4611686018427387904, 4)", "<f4"), ("(2305843009213693952,)", "<f8"),
                               ("(3, 99999999999999999999)", "<f8")] {  // one dimension past Int's range
            XCTAssertThrowsError(try NPY.decode(header("{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }"),
                                                name: "g.npy")) {
                guard case .malformedHeader(let file, let reason)? = $0 as? NumPyError else { return XCTFail("\($0)") }
                XCTAssertEqual(file, "g.npy")
                XCTAssertTrue(reason.contains("too large"), reason)
            }
        }
        // The magic string alone: a truncated header, not "not NumPy".
        XCTAssertThrowsError(try NPY.decode(Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1]), name: "h.npy")) {
            XCTAssertEqual($0 as? NumPyError, .malformedHeader(file: "h.npy", reason: "file ends inside the header"))
        }
        // Files that cannot be read say why in the system's words.
        let folder = FileManager.default.temporaryDirectory
        XCTAssertThrowsError(try NPY.read(contentsOf: folder)) {
            XCTAssertEqual($0 as? NumPyError, .io(file: folder.path, reason: "cannot read: Is a directory"))
        }
        XCTAssertThrowsError(try NPZ.read(contentsOf: folder.appendingPathComponent("no-such-file.npz"))) {
            XCTAssertTrue("\($0)".contains("cannot read: No such file or directory"), "\($0)")
        }
        // A zero dimension makes an empty array, however large the others.
        XCTAssertEqual(try NPY.decode(header("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 0), }")).shape,
                       [4611686018427387904, 0])
    }
}
