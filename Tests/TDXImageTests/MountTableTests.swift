import TDXImage
import Testing

@Suite("The mount table: /proc/self/mountinfo parsed for mount points and file system types")
struct MountTableTests {
    static let sample = """
        22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
        23 22 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
        24 22 0:22 / /sys rw,nosuid shared:2 - sysfs sysfs rw
        25 22 0:5 / /dev rw,nosuid shared:3 - devtmpfs udev rw,size=4096k
        40 22 0:40 / /srv/images/mnt\\040point rw,relatime shared:30 master:1 - fuse.sshfs host:/x rw,user_id=0
        41 22 0:41 /sub /srv/images/bind rw - tmpfs tmpfs rw
        malformed line
        42 22 0:42 / /srv/images/odd\\134name rw - nfs4 server:/ rw
        """

    @Test("mount points with escapes and optional fields; the type after the separator")
    func parse() {
        let table = MountTable(mountinfo: Self.sample)
        #expect(table.mounts.count == 7)
        #expect(table.mountPoints.contains("/srv/images/mnt point"))
        #expect(table.mountPoints.contains("/srv/images/odd\\name"))
        #expect(table.mountPoints.contains("/srv/images/bind"))
        #expect(table.mounts.first { $0.mountPoint == "/srv/images/mnt point" }?.fileSystemType == "fuse.sshfs")
        #expect(table.mounts.first { $0.mountPoint == "/proc" }?.fileSystemType == "proc")
    }

    @Test("the mount holding a path is the longest mount point above it")
    func containing() {
        let table = MountTable(mountinfo: Self.sample)
        #expect(table.mount(containing: "/proc/1/fd")?.fileSystemType == "proc")
        #expect(table.mount(containing: "/sys")?.fileSystemType == "sysfs")
        #expect(table.mount(containing: "/system")?.fileSystemType == "ext4")
        #expect(table.mount(containing: "/srv/images/mnt point/a")?.fileSystemType == "fuse.sshfs")
        #expect(table.mount(containing: "/srv/images")?.fileSystemType == "ext4")
    }

    @Test("this process's table parses and holds /")
    func current() throws {
        let table = try MountTable.current()
        #expect(table.mountPoints.contains("/"))
    }
}
