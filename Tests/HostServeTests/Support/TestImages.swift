#if FUSE
    import Foundation
    import TDXHost
    import TDXImage
    import Testing

    /// Module images for the served-host tests, signed with the project's test key (the
    /// key a served host trusts by default), written as files a client can `cat`.
    enum TestImages {
        /// Writes `tdx_module_<version>.img` (v2) or `.blob` (v1) for each version into a
        /// fresh folder inside `directory`; returns the folder.
        static func folder(
            in directory: TemporaryDirectory, versions: [String], format: ImageFormat = .v2
        ) throws -> String {
            let folder = try directory.sub("images-\(format.rawValue)")
            for text in versions {
                let version = try #require(ModuleVersion(text))
                let bytes = try TestImageSigner().makeImage(
                    version: version, svn: 0x0105, cpuidTable: [BuiltinImages.cpuidEAX], modulePages: 2,
                    format: format
                ).bytes
                let name = "tdx_module_\(version).\(format == .v1 ? "blob" : "img")"
                try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
            }
            // Release metadata as Intel publishes it, so `tdxctl update` may choose these.
            let releases = try versions.map { text in
                ModuleRelease(
                    version: try #require(ModuleVersion(text)),
                    minimumVersionForTDPreserving: ModuleVersion(major: 1, minor: 5, update: 1),
                    minimumSeamldrVersions: [
                        ModuleVersion(major: 1, minor: 5, update: 0), ModuleVersion(major: 2, minor: 0, update: 0),
                    ],
                    tdxFeatures0: 0x22E1F0FBF)
            }
            try Data(ReleaseMapping(releases: releases).jsonBytes())
                .write(to: URL(fileURLWithPath: folder + "/mapping_file.json"))
            return folder
        }

        /// The path of one image written by ``folder(in:versions:format:)``.
        static func path(_ folder: String, _ version: String, format: ImageFormat = .v2) -> String {
            folder + "/tdx_module_\(version).\(format == .v1 ? "blob" : "img")"
        }
    }

    /// The documented shell upload: `echo 1 > loading; cat IMAGE > data; echo 0 >
    /// loading`, then `status` polled until idle; prints each status seen, then
    /// `error:<text>`. Exits 3 when a write fails, 4 when status never returns to idle.
    func shellUpload(firmware: String, image: String) -> String {
        """
        set -u
        F='\(firmware)'
        echo 1 > "$F/loading" && cat '\(image)' > "$F/data" && echo 0 > "$F/loading" || exit 3
        last=''
        for i in $(seq 1 6000); do
            s=$(cat "$F/status")
            [ "$s" != "$last" ] && echo "status:$s" && last="$s"
            [ "$s" = idle ] && break
            sleep 0.01
        done
        [ "$s" = idle ] || exit 4
        echo "error:$(cat "$F/error")"
        """
    }
#endif
