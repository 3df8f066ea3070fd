import SystemSupport

/// Host physical memory as firmware sees it: 4 KiB pages addressed by physical address (PA).
///
/// The host stages an image here (sigstruct page, module pages, the SEAMLDR_PARAMS page) and passes the
/// params page's PA to SEAMLDR.INSTALL, exactly as the kernel does. Every write bumps ``generation`` so
/// P-SEAMLDR can tell that a verified image has not changed since it was verified.
public final class PhysicalMemory: Sendable {
    /// Page size in bytes.
    public static let pageSize = 4096

    private struct Storage: Sendable {
        var pages: [UInt64: [UInt8]] = [:]
        var nextAddress: UInt64 = 0x1_0000_0000
        var generation: UInt64 = 0
    }

    private let storage = ThreadLocked(Storage())

    /// An empty memory.
    public init() {}

    /// Allocates `count` zeroed pages and returns their addresses (4 KiB aligned, not contiguous by contract).
    public func allocatePages(_ count: Int) -> [UInt64] {
        storage.withLock { storage in
            (0..<max(count, 0)).map { _ in
                let address = storage.nextAddress
                // Leave a hole after every page so callers cannot rely on contiguity.
                storage.nextAddress += UInt64(2 * Self.pageSize)
                storage.pages[address] = [UInt8](repeating: 0, count: Self.pageSize)
                storage.generation &+= 1
                return address
            }
        }
    }

    /// Copies `bytes` into freshly allocated pages (the last one zero-padded) and returns the page addresses.
    public func store(_ bytes: [UInt8]) -> [UInt64] {
        let count = (bytes.count + Self.pageSize - 1) / Self.pageSize
        let addresses = allocatePages(count)
        for (index, address) in addresses.enumerated() {
            let start = index * Self.pageSize
            let chunk = Array(bytes[start..<min(start + Self.pageSize, bytes.count)])
            write(chunk, at: address)
        }
        return addresses
    }

    /// Writes `bytes` at `address`, which may point inside a page; the bytes must not cross its end.
    /// Returns false when no page is there or `bytes` does not fit.
    @discardableResult
    public func write(_ bytes: [UInt8], at address: UInt64) -> Bool {
        let base = address & ~UInt64(Self.pageSize - 1)
        let offset = Int(address - base)
        guard offset + bytes.count <= Self.pageSize else { return false }
        return storage.withLock { storage in
            guard storage.pages[base] != nil else { return false }
            storage.pages[base]!.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
            storage.generation &+= 1
            return true
        }
    }

    /// The 4096 bytes of the page at `address`, or nil when `address` is not an allocated, aligned page.
    public func page(at address: UInt64) -> [UInt8]? {
        storage.withLock { $0.pages[address] }
    }

    /// True when `address` is a 4 KiB-aligned allocated page (P-SEAMLDR's "valid shared HPA" check).
    public func isValidPage(_ address: UInt64) -> Bool {
        address % UInt64(Self.pageSize) == 0 && storage.withLock { $0.pages[address] != nil }
    }

    /// Releases pages; unknown addresses are ignored.
    public func free(_ addresses: [UInt64]) {
        storage.withLock { storage in
            for address in addresses where storage.pages.removeValue(forKey: address) != nil {
                storage.generation &+= 1
            }
        }
    }

    /// Changes on every write or free; equal generations mean equal contents.
    public var generation: UInt64 { storage.withLock { $0.generation } }

    /// Number of allocated pages.
    public var pageCount: Int { storage.withLock { $0.pages.count } }

    /// Stages an install: stores the sigstruct (one page) and the module pages, builds SEAMLDR_PARAMS for
    /// `scenario`, stores it, and returns the params page's address (what RCX carries to SEAMLDR.INSTALL).
    public func stageInstall(
        sigstruct: [UInt8], module: [UInt8], scenario: SeamldrParams.Scenario
    ) -> StagedInstall {
        let sigstructPages = store(sigstruct)
        let modulePages = store(module)
        let params = SeamldrParams(
            scenario: scenario, sigstructPage: sigstructPages.first ?? 0, modulePages: modulePages)
        let paramsPage = store(params.bytes)[0]
        return StagedInstall(
            paramsAddress: paramsPage, params: params, pages: sigstructPages + modulePages + [paramsPage])
    }
}
