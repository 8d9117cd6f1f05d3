package archkit

// Int parses the integer literals the instruction parsers meet most,
// [+-]digits and [+-]0xhex (blanks may follow the sign), as
// asm.ParseExpr would but without it. ok is false for anything else
// (other characters, octal, more than 18 characters after the sign),
// which the caller leaves to asm.ParseExpr. Values of 16 hex digits wrap
// to int64, as asm.ParseInt does.
func Int(s string) (v int64, ok bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
		for s != "" && (s[0] == ' ' || s[0] == '\t') {
			s = s[1:]
		}
	}
	if s == "" || len(s) > 18 {
		return 0, false
	}
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		for _, c := range []byte(s[2:]) {
			switch {
			case '0' <= c && c <= '9':
				v = v<<4 | int64(c-'0')
			case 'a' <= c && c <= 'f':
				v = v<<4 | int64(c-'a'+10)
			case 'A' <= c && c <= 'F':
				v = v<<4 | int64(c-'A'+10)
			default:
				return 0, false
			}
		}
	} else {
		if len(s) > 1 && s[0] == '0' {
			return 0, false // octal
		}
		for _, c := range []byte(s) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int64(c-'0')
		}
	}
	if neg {
		v = -v
	}
	return v, true
}
