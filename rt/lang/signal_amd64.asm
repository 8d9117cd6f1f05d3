# The address of the runtime's signal handler for os.signal (signal.go).

	.intel_syntax noprefix
	.text

# signalHandlerAddr() uintptr: the address of rt.lang.SignalHandler.
	.globl rt.lang.signalHandlerAddr
rt.lang.signalHandlerAddr:
	lea rax, [rip+rt.lang.SignalHandler]
	ret
