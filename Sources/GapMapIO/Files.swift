import CGapMapSystem
import Foundation

/// File access with the error messages and atomicity GapMap promises.
public enum Files {
  /// Reads a whole file (`-` reads standard input).
  public static func read(_ path: String) throws(IOError) -> [UInt8] {
    if path == "-" {
      return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    }
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
      throw IOError(file: path, "no such file")
    }
    if isDir.boolValue { throw IOError(file: path, "is a folder, not a file") }
    do {
      return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw IOError(file: path, "cannot read: \(error.localizedDescription)", cause: .environment)
    }
  }

  /// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename,
  /// so a reader never sees half a file and a failure leaves nothing behind. `-` writes to
  /// standard output.
  public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(IOError) {
    if path == "-" {
      FileHandle.standardOutput.write(Data(bytes))
      return
    }
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    let temp = dir.appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    if let reason = Files.writeNew(bytes, to: temp.path) {
      try? FileManager.default.removeItem(at: temp)
      throw IOError(
        file: path, "cannot write: \(reason)", hint: "check that the folder exists and is writable",
        cause: .environment)
    }
    if rename(temp.path, url.path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temp)
      throw IOError(file: path, "cannot write: \(reason)", cause: .environment)
    }
  }

  /// Creates `path` (which must not exist) with `bytes` by POSIX calls, so a failure has its
  /// system reason (`No space left on device`, `Read-only file system`); `nil` on success.
  static func writeNew(_ bytes: [UInt8], to path: String) -> String? {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    if fd < 0 { return String(cString: strerror(errno)) }
    var offset = 0
    var failure: String?
    bytes.withUnsafeBytes { raw in
      while offset < raw.count, let base = raw.baseAddress {
        let n = write(fd, base + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          failure = String(cString: strerror(errno))
          return
        }
        offset += n
      }
    }
    if failure == nil && fsync(fd) != 0 && errno != EINVAL { failure = String(cString: strerror(errno)) }
    if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
    return failure
  }

  /// Writes text as UTF-8, atomically.
  public static func writeAtomically(_ text: String, to path: String) throws(IOError) {
    try writeAtomically(Array(text.utf8), to: path)
  }

  /// Creates a folder (and its parents) if it does not exist.
  public static func makeFolder(_ path: String) throws(IOError) {
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
      if !isDir.boolValue { throw IOError(file: path, "exists and is not a folder", cause: .environment) }
      return
    }
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw IOError(file: path, "cannot create folder: \(Files.reason(error))", cause: .environment)
    }
  }

  /// Writes a whole folder of files atomically: they are written into a staging folder next to
  /// `path` (`.NAME.tmp-…`), which then takes its place in one step — `renameat2`
  /// `RENAME_EXCHANGE` when `path` exists (the old folder lands on the staging name and is
  /// removed), a plain `rename` when it does not — so `path` holds either the old folder or the
  /// complete new one, never a mix and never nothing. Where the file system cannot exchange,
  /// the old folder is moved aside to `.NAME.old-…` first, and a run killed in between is
  /// recovered by the next one.
  ///
  /// Writers of one folder are serialised by a lock file `.NAME.lock` next to it (removed when
  /// released); the lock holder restores a lost folder from `.NAME.old-…` and removes every
  /// leftover `.NAME.tmp-…`/`.NAME.old-…` of killed runs. An existing `path` is replaced only
  /// when it is empty or `replaceable` says so (e.g. it holds a previous report).
  /// - Parameters:
  ///   - path: the folder to write.
  ///   - files: relative paths (sub-folders allowed, no `..`) and contents.
  ///   - replaceable: whether an existing, non-empty folder at `path` (its path is passed) may
  ///     be replaced.
  public static func writeFolderAtomically(
    _ files: [(path: String, bytes: [UInt8])], to path: String, replaceable: (String) -> Bool
  ) throws(IOError) {
    let fm = FileManager.default
    let url = URL(fileURLWithPath: path).standardizedFileURL
    let parent = url.deletingLastPathComponent()
    let name = url.lastPathComponent
    let lock = try Lock(parent.appendingPathComponent(".\(name).lock").path, for: path)
    defer { lock.release() }
    recover(name, in: parent.path)
    let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let staging = parent.appendingPathComponent(".\(name).tmp-\(tag)")
    if isFolder(url.path) {
      let contents = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
      guard contents.isEmpty || replaceable(url.path) else {
        throw IOError(
          file: path, "exists and is not a folder this command wrote; refusing to replace it",
          hint: "choose a new folder or remove it first")
      }
    } else if exists(url.path) {
      throw IOError(file: path, "exists and is not a folder")
    }
    var failure: String?
    if mkdir(staging.path, 0o755) != 0 {
      failure = String(cString: strerror(errno))
    } else {
      for f in files where failure == nil {
        precondition(!f.path.split(separator: "/").contains(".."), "file paths stay inside the folder")
        let target = staging.appendingPathComponent(f.path)
        do {
          try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
          failure = reason(error)
          break
        }
        failure = writeNew(f.bytes, to: target.path)
      }
    }
    if let failure {
      try? fm.removeItem(at: staging)
      throw IOError(
        file: path, "cannot write: \(failure)", hint: "check that the parent folder is writable",
        cause: .environment)
    }
    if !exists(url.path) {
      if rename(staging.path, url.path) != 0 {
        let why = String(cString: strerror(errno))
        try? fm.removeItem(at: staging)
        throw IOError(file: path, "cannot write: \(why)", cause: .environment)
      }
      return
    }
    // One step: the new folder takes the name, the old one the staging name.
    if gapmap_rename_exchange(staging.path, url.path) == 0 {
      try? fm.removeItem(at: staging)
      return
    }
    guard errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP else {
      let why = String(cString: strerror(errno))
      try? fm.removeItem(at: staging)
      throw IOError(file: path, "cannot replace: \(why)", cause: .environment)
    }
    // No exchange on this file system: two renames, the window recovered by the next writer.
    let old = parent.appendingPathComponent(".\(name).old-\(tag)")
    if rename(url.path, old.path) != 0 {
      let why = String(cString: strerror(errno))
      try? fm.removeItem(at: staging)
      throw IOError(file: path, "cannot replace: \(why)", cause: .environment)
    }
    if rename(staging.path, url.path) != 0 {
      let why = String(cString: strerror(errno))
      _ = rename(old.path, url.path)
      try? fm.removeItem(at: staging)
      throw IOError(file: path, "cannot write: \(why)", cause: .environment)
    }
    try? fm.removeItem(at: old)
  }

  /// Under the lock of `name`: puts back a folder a killed writer had moved aside (when `name`
  /// itself is missing) and removes the other staging and old folders killed writers left.
  static func recover(_ name: String, in parent: String) {
    let fm = FileManager.default
    let entries = (try? fm.contentsOfDirectory(atPath: parent)) ?? []
    let olds = entries.filter { $0.hasPrefix(".\(name).old-") }.sorted()
    let target = parent + "/" + name
    if !exists(target),
      let newest = olds.max(by: { modified(parent + "/" + $0) < modified(parent + "/" + $1) })
    {
      _ = rename(parent + "/" + newest, target)
    }
    for e in entries where e.hasPrefix(".\(name).tmp-") || e.hasPrefix(".\(name).old-") {
      try? fm.removeItem(atPath: parent + "/" + e)
    }
  }

  static func modified(_ path: String) -> Double {
    var st = stat()
    guard stat(path, &st) == 0 else { return 0 }
    return Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9
  }

  /// An exclusive `flock` on a lock file, removed on release. A waiter that wakes up holding a
  /// lock on a file the previous holder already removed tries again, so two writers never
  /// hold "the" lock at once.
  struct Lock {
    let fd: Int32
    let path: String

    init(_ path: String, for target: String) throws(IOError) {
      while true {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
          throw IOError(
            file: target, "cannot lock: \(String(cString: strerror(errno)))",
            hint: "check that the parent folder exists and is writable", cause: .environment)
        }
        if flock(fd, LOCK_EX) != 0 {
          let code = errno
          close(fd)
          if code == EINTR { continue }
          throw IOError(file: target, "cannot lock: \(String(cString: strerror(code)))", cause: .environment)
        }
        var held = stat()
        var named = stat()
        if fstat(fd, &held) == 0, stat(path, &named) == 0, held.st_dev == named.st_dev,
          held.st_ino == named.st_ino
        {
          self.fd = fd
          self.path = path
          return
        }
        close(fd)
      }
    }

    func release() {
      unlink(path)
      close(fd)
    }
  }

  /// Whether `path` is an existing folder.
  public static func isFolder(_ path: String) -> Bool {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
  }

  /// Whether something exists at `path`.
  public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

  /// The first `count` bytes of a file (fewer when it is shorter; empty when unreadable).
  public static func head(_ path: String, count: Int = 512) -> [UInt8] {
    guard let h = FileHandle(forReadingAtPath: path) else { return [] }
    defer { try? h.close() }
    return Array((try? h.read(upToCount: count)) ?? Data())
  }

  static func reason(_ error: Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
    return ns.localizedDescription
  }
}
