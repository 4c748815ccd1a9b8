import Dispatch

/// Runs `body(chunk)` for `chunk` in `0..<chunks` on up to `threads` threads.
///
/// Work is split into a fixed number of chunks (independent of `threads`) so that results
/// reduced in chunk order are the same bytes for any thread count.
func parallelChunks(_ chunks: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
  if threads <= 1 || chunks <= 1 {
    for c in 0..<chunks { body(c) }
    return
  }
  let next = Counter()
  DispatchQueue.concurrentPerform(iterations: min(threads, chunks)) { _ in
    while true {
      let c = next.take()
      if c >= chunks { return }
      body(c)
    }
  }
}

/// A shared counter for handing out chunks.
final class Counter: @unchecked Sendable {
  private var value = 0
  private let lock = NSLockish()
  func take() -> Int {
    lock.lock()
    defer { lock.unlock() }
    let v = value
    value += 1
    return v
  }
}

/// A minimal mutex (pthread) so the algorithms module needs no Foundation.
final class NSLockish: @unchecked Sendable {
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  init() {
    mutex = .allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
  }
  deinit {
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }
  func lock() { pthread_mutex_lock(mutex) }
  func unlock() { pthread_mutex_unlock(mutex) }
}

/// Memory that parallel chunks write to at disjoint indices (each index has one writer).
final class SharedBuffer<T>: @unchecked Sendable {
  let pointer: UnsafeMutableBufferPointer<T>
  init(repeating value: T, count: Int) {
    pointer = .allocate(capacity: count)
    pointer.initialize(repeating: value)
  }
  deinit {
    pointer.deinitialize()
    pointer.deallocate()
  }
  subscript(i: Int) -> T {
    get { pointer[i] }
    set { pointer[i] = newValue }
  }
  var array: [T] { Array(pointer) }
}

/// The default thread count: the machine's active processors.
public var defaultThreadCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
