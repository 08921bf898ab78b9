import Foundation

/// The system's own words for a failed file operation. Foundation wraps them in a generic
/// sentence ("The operation could not be completed. (NSCocoaErrorDomain error 256.)");
/// the POSIX error underneath says what a user can act on ("Is a directory").
public enum IOFailure {
    public static func reason(of error: Error) -> String {
        let described = error as NSError
        if let underlying = described.userInfo[NSUnderlyingErrorKey] as? any Error,
           (underlying as NSError).domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32((underlying as NSError).code)))
        }
        if described.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(described.code))) }
        return described.localizedDescription
    }

    /// "PATH: reason" for a file operation's error that names its file (Foundation's
    /// errors carry the path), nil for any other error: what a command prints for a file
    /// error it did not word itself, instead of Foundation's dump of domain, code and
    /// user info.
    public static func message(for error: Error) -> String? {
        guard let path = (error as NSError).userInfo[NSFilePathErrorKey] as? String else { return nil }
        return "\(path): \(reason(of: error))"
    }
}
