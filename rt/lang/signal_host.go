//go:build !naturekit

package lang

// signalHandlerAddr is 0 on the host, whose signals are Go's: os.signal
// catches nothing there.
func signalHandlerAddr() uintptr { return 0 }
