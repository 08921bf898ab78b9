/// A colour as 8-bit sRGB channels.
public struct RGB: Equatable, Sendable {
    public var red: UInt8, green: UInt8, blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red; self.green = green; self.blue = blue
    }

    /// `#rrggbb`, lower-case.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        return "#" + [red, green, blue].map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }.joined()
    }

    /// Relative luminance in 0...1 (Rec. 709 weights on linearised channels): decides whether
    /// text drawn on this colour should be dark or light.
    public var luminance: Double {
        func linear(_ c: UInt8) -> Double {
            let v = Double(c) / 255
            return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }
}

/// The colour scale of heatmaps and images: viridis (van der Walt and Smith, CC0), which is
/// perceptually uniform, readable by colour-blind readers, and still ordered when printed in
/// grey (its lightness rises monotonically). Stored as 17 evenly spaced samples of the
/// 256-entry table, linearly interpolated.
public enum ColorMap {
    static let viridisAnchors: [RGB] = [
        RGB(0x44, 0x01, 0x54), RGB(0x48, 0x18, 0x6A), RGB(0x47, 0x2D, 0x7B), RGB(0x42, 0x40, 0x86),
        RGB(0x3B, 0x52, 0x8B), RGB(0x33, 0x63, 0x8D), RGB(0x2C, 0x72, 0x8E), RGB(0x26, 0x82, 0x8E),
        RGB(0x21, 0x91, 0x8C), RGB(0x1F, 0x9F, 0x88), RGB(0x27, 0xAD, 0x81), RGB(0x3D, 0xBC, 0x74),
        RGB(0x5C, 0xC8, 0x63), RGB(0x81, 0xD3, 0x4D), RGB(0xAA, 0xDC, 0x32), RGB(0xD5, 0xE2, 0x1A),
        RGB(0xFD, 0xE7, 0x25),
    ]

    /// The viridis colour at `t` in 0...1 (dark purple at 0, yellow at 1; clamped outside).
    /// A NaN `t` gives the middle colour; callers draw missing values differently anyway.
    public static func viridis(_ t: Double) -> RGB {
        let clamped = t.isNaN ? 0.5 : min(max(t, 0), 1)
        let position = clamped * Double(viridisAnchors.count - 1)
        let index = min(Int(position), viridisAnchors.count - 2)
        let f = position - Double(index)
        let a = viridisAnchors[index], b = viridisAnchors[index + 1]
        func mix(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8((Double(x) + (Double(y) - Double(x)) * f).rounded())
        }
        return RGB(mix(a.red, b.red), mix(a.green, b.green), mix(a.blue, b.blue))
    }

    /// Line colours for series (Okabe and Ito's colour-blind-safe palette, dark enough on
    /// white paper); series beyond it repeat colours but get other dash patterns.
    public static let series: [RGB] = [
        RGB(0x00, 0x72, 0xB2), RGB(0xD5, 0x5E, 0x00), RGB(0x00, 0x9E, 0x73),
        RGB(0xCC, 0x79, 0xA7), RGB(0xE6, 0x9F, 0x00), RGB(0x56, 0xB4, 0xE9), RGB(0x00, 0x00, 0x00),
    ]
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
