//go:build !unix

package index

import "os"

// mapFile reads file into memory (mmap is used on Unix only).
func mapFile(file string) (data []byte, unmap func() error, err error) {
	data, err = os.ReadFile(file)
	if err != nil {
		return nil, nil, err
	}
	return data, func() error { return nil }, nil
}
