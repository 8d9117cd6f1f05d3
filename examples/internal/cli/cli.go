// Package cli holds what the example command-line tools share: writing
// an output file so that a failure never leaves a half-written one.
package cli

import (
	"os"
	"path/filepath"
)

// WriteFile writes data to path atomically: to a temporary file in the
// same directory, renamed over path only once it is complete.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
