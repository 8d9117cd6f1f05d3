//go:build naturekit

package lang

// signalHandlerAddr returns the address of SignalHandler
// (signal_amd64.asm).
func signalHandlerAddr() uintptr
