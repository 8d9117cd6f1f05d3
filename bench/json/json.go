// bench/json.sh's Go program: bench/json/json.n with encoding/json.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
)

type address struct {
	City string `json:"city"`
	Zip  int    `json:"zip"`
}

type record struct {
	ID      int      `json:"id"`
	Name    string   `json:"name"`
	Email   string   `json:"email"`
	Active  bool     `json:"active"`
	Score   float64  `json:"score"`
	Tags    []string `json:"tags"`
	Home    address  `json:"home"`
	History []int    `json:"history"`
}

// With "verify A B", it checks instead that the JSON texts A and B read
// as the same records (bench/json.sh checks naturekit's output so).
func main() {
	if len(os.Args) == 4 && os.Args[1] == "verify" {
		a, b := load(os.Args[2]), load(os.Args[3])
		if !reflect.DeepEqual(a, b) {
			fmt.Fprintf(os.Stderr, "%s and %s hold different records\n", os.Args[2], os.Args[3])
			os.Exit(1)
		}
		fmt.Println("same", len(a), "records")
		return
	}
	text, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var recs []record
	if err := json.Unmarshal(text, &recs); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := json.Marshal(recs)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(len(recs), len(out))
}

// load reads the records of a JSON file.
func load(path string) []record {
	text, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var recs []record
	if err := json.Unmarshal(text, &recs); err != nil {
		fmt.Fprintln(os.Stderr, path, err)
		os.Exit(1)
	}
	return recs
}
