import TDXImage

extension ImageCatalog {
    /// A catalog of images already in memory, judged exactly as files found in a folder
    /// are: each is parsed, verified against `trust` and matched with `mapping`.
    /// `directory` names where they came from in reports ("built-in"); each image's path
    /// is `directory/fileName`, and a `tdx_module_X.Y.ZZ` file name gives its version when
    /// the sigstruct carries none.
    public init(
        directory: String, images: [(fileName: String, bytes: [UInt8])], mapping: ReleaseMapping?,
        trust: TrustPolicy
    ) {
        self.directory = directory
        self.mapping = mapping
        self.mappingPath = nil
        self.mappingProblem = nil
        self.candidates = Self.checkingClaims(
            images.map {
                Self.candidate(path: directory + "/" + $0.fileName, bytes: $0.bytes, mapping: mapping, trust: trust)
            })
        self.skipped = []
        self.stoppedAtEntryLimit = false
    }
}
