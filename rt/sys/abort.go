package sys

import "unsafe"

// Abort reports a fatal runtime error on standard error, as "fatal
// error: " msg and a newline, and exits with status 2. It never
// returns. The same on the host and natively: three writes and Exit.
func Abort(msg string) {
	writeStderr("fatal error: ")
	writeStderr(msg)
	writeStderr("\n")
	Exit(2)
}

// writeStderr writes s on standard error. A failure is ignored: Abort
// has nowhere to report it.
func writeStderr(s string) {
	Write(2, unsafe.Pointer(unsafe.StringData(s)), uintptr(len(s)))
}
