package link_test

import (
	"math/rand"
	"strconv"
	"testing"

	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/link/internal/linktest"
	"github.com/naturekit/naturekit/link/object"
)

// TestLinkMutations links randomly damaged gcc objects (main and lib of
// testdata/free, from the object reader's seed corpus): every link must
// succeed or fail with an error, never panic.
func TestLinkMutations(t *testing.T) {
	lib := linktest.CorpusSeed(t, "object/testdata/fuzz/FuzzRead/seed-s1.o")
	main := linktest.CorpusSeed(t, "object/testdata/fuzz/FuzzRead/seed-s3.o")
	n := 3000
	if testing.Short() {
		n = 300
	}
	r := rand.New(rand.NewSource(2))
	for i := 0; i < n; i++ {
		objs := [][]byte{append([]byte(nil), main...), append([]byte(nil), lib...)}
		for k := r.Intn(3) + 1; k > 0; k-- {
			b := objs[r.Intn(2)]
			b[r.Intn(len(b))] = byte(r.Intn(256))
		}
		var inputs []link.Input
		for j, b := range objs {
			f, err := object.Read(strconv.Itoa(j)+".o", b)
			if err != nil {
				break
			}
			inputs = append(inputs, link.Input{Object: f})
		}
		if len(inputs) == 2 {
			link.Link(link.Config{}, inputs...)
		}
	}
}
