// Package cli holds what the example command-line tools share: writing
// an output file the way go build and gcc do.
package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Writing the executable, the way go build and gcc do:
//
//   - a new path or a regular file is written atomically: to a temporary
//     file in the same directory, renamed over the path once complete,
//     so that a failed write leaves no half-written executable (and a
//     running one can be replaced);
//   - a symbolic link is written through: its target, resolved, is
//     written by these rules and the link stays as it was (a dangling
//     link gets its target created);
//   - a character device (-o /dev/null), a FIFO or any other node that
//     is not a regular file is opened and written, never replaced;
//   - a directory is an error naming the path.
//
// Messages name the output path only, never the temporary file.

// CheckOutput reports an output path that cannot be written because it
// is a directory (directly or through symbolic links); flag is how the
// path was given, for the message ("-o", or "" for the default name).
func CheckOutput(path, flag string) error {
	st, err := os.Stat(path)
	if err != nil || !st.IsDir() {
		return nil // WriteOutput reports the other problems
	}
	if flag == "" {
		return fmt.Errorf("the default output %s is a directory; name the executable with -o", path)
	}
	return fmt.Errorf("%s %s: is a directory", flag, path)
}

// WriteOutput writes data to the output path as described above, with
// mode perm for a file it creates.
func WriteOutput(path string, data []byte, perm fs.FileMode) error {
	target := path
	if st, err := os.Lstat(path); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		resolved, err := filepath.EvalSymlinks(path)
		if err != nil {
			// A dangling link (or a loop): let the kernel follow it.
			return writeThrough(path, data, perm)
		}
		target = resolved
	}
	st, err := os.Stat(target)
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return outputError(path, err)
	case err == nil && st.IsDir():
		return fmt.Errorf("%s: is a directory", path)
	case err == nil && !st.Mode().IsRegular():
		return writeThrough(path, data, perm)
	}
	return writeAtomic(path, target, data, perm)
}

// writeThrough opens path (following links) and writes data into it.
func writeThrough(path string, data []byte, perm fs.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return outputError(path, err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return outputError(path, err)
	}
	return nil
}

// writeAtomic writes data to target through a temporary file in its
// directory; errors name path.
func writeAtomic(path, target string, data []byte, perm fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp*")
	if err != nil {
		return outputError(path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(perm)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), target)
	}
	if err != nil {
		return outputError(path, err)
	}
	return nil
}

// outputError names path and the cause of err, without the file names
// err carries (which may be the temporary file's).
func outputError(path string, err error) error {
	return fmt.Errorf("writing %s: %w", path, PathCause(err))
}

// PathCause returns the cause of an error about files, without their
// names.
func PathCause(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}
