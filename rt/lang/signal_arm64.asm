// The address of the runtime's signal handler for os.signal (signal.go).

	.text

// signalHandlerAddr() uintptr: the address of rt.lang.SignalHandler.
	.globl rt.lang.signalHandlerAddr
rt.lang.signalHandlerAddr:
	adrp x0, rt.lang.SignalHandler
	add x0, x0, :lo12:rt.lang.SignalHandler
	ret
