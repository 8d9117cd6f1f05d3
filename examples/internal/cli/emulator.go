package cli

import "runtime"

// Emulator returns the command that runs an executable for target on
// this machine: "" to run it directly, qemu-aarch64-static for
// linux_arm64 on a host that is not arm64 (Debian's qemu-user-static).
func Emulator(target string) string {
	if target == "linux_arm64" && runtime.GOARCH != "arm64" {
		return "qemu-aarch64-static"
	}
	return ""
}
