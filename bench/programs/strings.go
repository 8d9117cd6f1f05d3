// strings.n in Go (bench/run.sh).
package main

import "fmt"

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var digits []byte
	for n > 0 {
		digits = append(digits, byte(n%10)+48)
		n /= 10
	}
	var out []byte
	for i := len(digits) - 1; i >= 0; i-- {
		out = append(out, digits[i])
	}
	return string(out)
}

func main() {
	total, equal := 0, 0
	for round := 0; round < 20; round++ {
		s := ""
		for i := 0; i < 2000; i++ {
			s = s + itoa(i) + ","
		}
		total += len(s)
		t := ""
		for i := 0; i < 2000; i++ {
			t += itoa(i)
			t += ","
		}
		if s == t {
			equal++
		}
	}
	fmt.Println(total, equal)
}
