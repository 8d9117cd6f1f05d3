// Package start is the entry point of every native naturekit program.
//
// It is one assembly stub per target, start_amd64.asm and
// start_arm64.asm (naturekit's assembler syntax, embedded by package rt
// and assembled by rt/gofront/build), which defines _start:
//
//	_start                    the kernel enters here: the stack pointer points at argc
//	  rt.sys.startSP = sp     argc/argv/envp and the stack top for rt/sys
//	  rt.lang.Init()          heap and collector
//	  rt.lang.InitFaults(&rt.lang.Fault)   fault handlers, if rt/lang is linked
//	  main.main()             the program
//	  rt.lang.Exit(0)         flush buffered output, exit_group(0)
//
// The calls are by symbol name, so this package imports nothing: the
// language runtime (rt/lang) supplies Init and Exit, the program's
// compiler supplies main.main, a void function without parameters. A
// Go program compiled with rt/gofront names its entry main.main with
// the directive //naturekit:symbol main.main on the function (see
// rt/gofront), and may supply stand-ins for Init and Exit the same way.
//
// main.main returning means success; a program that wants another
// status calls rt.lang.Exit (or sys.Exit) itself.
package start
