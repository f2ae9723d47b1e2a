#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's open-file limit, raised for a server.
///
/// Every connection, long poll, SQLite file and function pipe is a descriptor; many
/// distributions start processes with a soft limit of 1,024 under a hard limit hundreds of
/// times higher, and a server that stops accepting connections at 1,024 clients is a poor
/// default. The soft limit goes up to the hard one (capped, as some systems report an
/// unlimited hard limit that `setrlimit` refuses).
enum DescriptorLimit {
    /// The soft limit after raising it (unchanged when it cannot be raised).
    @discardableResult
    static func raise(upTo cap: rlim_t = 1 << 20) -> rlim_t {
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return 0 }
        let wanted = min(limit.rlim_max, cap)
        guard limit.rlim_cur < wanted else { return limit.rlim_cur }
        var raised = limit
        raised.rlim_cur = wanted
        return setrlimit(resource, &raised) == 0 ? wanted : limit.rlim_cur
    }

    #if canImport(Glibc)
    private static let resource = Int32(RLIMIT_NOFILE.rawValue)
    #else
    private static let resource = RLIMIT_NOFILE
    #endif
}
