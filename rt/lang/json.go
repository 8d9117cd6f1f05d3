package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/sys"
)

// JSON (std/json): serialize and deserialize walk a value by its type
// descriptor, which Nature code cannot do; std/json's Nature code calls
// these entry points with the descriptor's hash and throws the error
// message they return. Texts and positions of the messages are the
// reference's (docs/std.md). Encoding formats the text twice, counting
// then writing, so the result is one allocation; decoding allocates the
// values it builds and nothing else for texts without escapes.

// The kit: hashes of the types json makes values of, a [int] in this
// order (std/json's kit()).
const (
	jsonKitMap    = 0 // {string:any}: an object read into any
	jsonKitVec    = 1 // [any]: an array read into any
	jsonKitNumber = 2 // json.number: a number token kept verbatim
	jsonKitString = 3
	jsonKitBool   = 4
	jsonKitFloat  = 5 // f64: a number read into any by deserialize
	jsonKitLen    = 6
)

// jsonMaxDepth bounds the nesting of arrays and objects read.
const jsonMaxDepth = 256

// jsonKit holds the descriptors of the kit.
type jsonKit struct {
	t [jsonKitLen]*Type
}

func (k *jsonKit) load(v *Vec) {
	for i := int64(0); i < jsonKitLen && i < VecLen(v); i++ {
		k.t[i] = TypeByHash(*(*int64)(elemAddr(v, i)))
	}
}

// JSONEncode writes the JSON text of the value a of type t (the hash
// of T; a is the value boxed as an any) into *out; it returns the error
// message, nil on success.
func JSONEncode(t int64, a *Any, kit *Vec, out **String) *String {
	return process().JSONEncode(TypeByHash(t), a, kit, out)
}

// JSONDecode reads the JSON text s as a value of type t (a hash) into
// *out, boxed as an any (a value of type any or a union is its own box);
// it returns the error message, nil on success. With parse set
// (json.parse) numbers are json.number tokens and errors in them are
// "invalid number".
func JSONDecode(t int64, s *String, kit *Vec, parse bool, out **Any) *String {
	return process().JSONDecode(TypeByHash(t), s, kit, parse, out)
}

// setOut stores p into the caller's variable at out.
func (r *Runtime) setOut(out unsafe.Pointer, p unsafe.Pointer) {
	r.heap.WriteBarrier((*unsafe.Pointer)(out), p)
}

// isBoxed reports whether values of t are boxes themselves (any,
// unions, nullables).
func (t *Type) isBoxed() bool { return t.NKind == abi.NKindAny || t.NKind == abi.NKindUnion }

// unbox returns the bits of the value of type t that a holds.
func (t *Type) unbox(a *Any) uint64 {
	if t.isBoxed() || a == nil {
		return uint64(uintptr(unsafe.Pointer(a)))
	}
	return a.Value
}

// storedSize returns the bytes a value of t takes in a field or element:
// structs and tuples are pointers to their objects.
func (t *Type) storedSize() int64 {
	if t.NKind == abi.NKindStruct || t.NKind == abi.NKindTup {
		return 8
	}
	return int64(t.Mem.Size)
}

// f32 values are f64 bits in boxes and in the walks here, f32 bits in
// memory and in map words.
func f32To64(w uint32) uint64 { return float64bits(float64(*(*float32)(unsafe.Pointer(&w)))) }
func f64To32(b uint64) uint32 {
	f := float32(*(*float64)(unsafe.Pointer(&b)))
	return *(*uint32)(unsafe.Pointer(&f))
}

// loadValue returns the bits of the value of type t stored at p.
func loadValue(p unsafe.Pointer, t *Type) uint64 {
	switch t.storedSize() {
	case 1:
		return uint64(*(*uint8)(p))
	case 2:
		return uint64(*(*uint16)(p))
	case 4:
		w := *(*uint32)(p)
		if t.NKind == abi.NKindF32 {
			return f32To64(w)
		}
		return uint64(w)
	case 8:
		return *(*uint64)(p)
	}
	return 0
}

// storeValue stores the bits of a value of type t at p.
func (r *Runtime) storeValue(p unsafe.Pointer, t *Type, bits uint64) {
	switch t.storedSize() {
	case 1:
		*(*uint8)(p) = uint8(bits)
	case 2:
		*(*uint16)(p) = uint16(bits)
	case 4:
		if t.NKind == abi.NKindF32 {
			*(*uint32)(p) = f64To32(bits)
		} else {
			*(*uint32)(p) = uint32(bits)
		}
	case 8:
		if t.traced() {
			r.heap.WriteBarrier((*unsafe.Pointer)(p), ptrOf(bits))
		} else {
			*(*uint64)(p) = bits
		}
	}
}

// wordValue and valueWord convert between a map word and the bits here.
func wordValue(t *Type, w uint64) uint64 {
	if t.NKind == abi.NKindF32 {
		return f32To64(uint32(w))
	}
	return w
}

func valueWord(t *Type, bits uint64) uint64 {
	switch t.NKind {
	case abi.NKindF32:
		return uint64(f64To32(bits))
	case abi.NKindI8:
		return uint64(int64(int8(bits)))
	case abi.NKindI16:
		return uint64(int64(int16(bits)))
	case abi.NKindI32:
		return uint64(int64(int32(bits)))
	case abi.NKindU8:
		return uint64(uint8(bits))
	case abi.NKindU16:
		return uint64(uint16(bits))
	case abi.NKindU32:
		return uint64(uint32(bits))
	}
	return bits
}

// keyKind returns the map key kind of values of t.
func (t *Type) keyKind() int64 {
	if t.Value == abi.KindHex {
		return abi.KindInt
	}
	return t.Value
}

// elemArg returns the vec entry points' elem argument for elements of t.
func (t *Type) elemArg() int64 {
	if t.traced() {
		return 8 + abi.VecElemPtr
	}
	return t.storedSize()
}

// jsonMessage returns a + b + c, then " at position " and pos when pos
// is not negative.
func (r *Runtime) jsonMessage(a, b, c string, pos int64) *String {
	var count fmtSink
	putMessage(&count, a, b, c, pos)
	out := r.newString(count.n)
	s := fmtSink{p: out.Data}
	putMessage(&s, a, b, c, pos)
	return out
}

func putMessage(s *fmtSink, a, b, c string, pos int64) {
	s.putConst(a)
	s.putConst(b)
	s.putConst(c)
	if pos >= 0 {
		s.putConst(" at position ")
		s.putDigits(uint64(pos), 10, false)
	}
}

// unsupported returns the message for a value of type t json cannot
// write or read.
func (r *Runtime) unsupported(t *Type) *String {
	return r.jsonMessage("unsupported type `", kindName(t.NKind), "`", -1)
}

// ---- Encoding ----

// jsonEnc writes the JSON text of values into s.
type jsonEnc struct {
	r      *Runtime
	s      fmtSink
	number *Type // json.number: written verbatim
	err    *String
}

// JSONEncode is the entry point JSONEncode on r.
func (r *Runtime) JSONEncode(t *Type, a *Any, kit *Vec, out **String) *String {
	if t == nil {
		return r.constString("type not found")
	}
	var k jsonKit
	k.load(kit)
	bits := t.unbox(a)
	e := jsonEnc{r: r, number: k.t[jsonKitNumber]}
	if !e.value(t, bits) {
		return e.err
	}
	r.keep1(unsafe.Pointer(a))
	text := r.newString(e.s.n)
	r.unkeep()
	e.s = fmtSink{p: text.Data}
	e.value(t, bits)
	r.setOut(unsafe.Pointer(out), unsafe.Pointer(text))
	return nil
}

// comma writes the comma before item i of an array or object.
func (e *jsonEnc) comma(i int64) {
	if i > 0 {
		e.s.put(',')
	}
}

// value writes the value of type t whose bits are given; false (and
// e.err) for a type JSON cannot hold.
func (e *jsonEnc) value(t *Type, bits uint64) bool {
	s := &e.s
	switch t.NKind {
	case abi.NKindNull:
		s.putConst("null")
	case abi.NKindBool:
		if bits != 0 {
			s.putConst("true")
		} else {
			s.putConst("false")
		}
	case abi.NKindI8, abi.NKindI16, abi.NKindI32, abi.NKindI64:
		sh := uint(64 - 8*t.Mem.Size)
		v := int64(bits<<sh) >> sh
		if v < 0 {
			s.putInt(true, uint64(-v), 10, false, ' ', 0)
		} else {
			s.putInt(false, uint64(v), 10, false, ' ', 0)
		}
	case abi.NKindU8, abi.NKindU16, abi.NKindU32, abi.NKindU64:
		if t.Mem.Size < 8 {
			bits &= 1<<(8*uint(t.Mem.Size)) - 1
		}
		s.putInt(false, bits, 10, false, ' ', 0)
	case abi.NKindF32, abi.NKindF64:
		if int(bits>>52)&0x7ff == 0x7ff {
			e.err = e.r.jsonMessage("unsupported value `", floatSpecial(bits), "`", -1)
			return false
		}
		e.r.putJSONFloat(s, bits)
	case abi.NKindString:
		str := (*String)(ptrOf(bits))
		if t == e.number && StringLen(str) > 0 {
			s.putString(str)
		} else {
			putQuoted(s, str)
		}
	case abi.NKindVec:
		v := (*Vec)(ptrOf(bits))
		s.put('[')
		for i := int64(0); i < VecLen(v); i++ {
			e.comma(i)
			if !e.value(t.Elem, loadValue(elemAddr(v, i), t.Elem)) {
				return false
			}
		}
		s.put(']')
	case abi.NKindMap:
		m := (*Map)(ptrOf(bits))
		s.put('{')
		for i := int64(0); i < MapLen(m); i++ {
			e.comma(i)
			if !e.value(t.Key, wordValue(t.Key, MapKeyAt(m, i))) {
				return false
			}
			s.put(':')
			if !e.value(t.Elem, wordValue(t.Elem, MapValueAt(m, i))) {
				return false
			}
		}
		s.put('}')
	case abi.NKindStruct:
		obj := ptrOf(bits)
		if obj == nil {
			s.putConst("null")
			return true
		}
		s.put('{')
		for i := int64(0); i < t.NItems; i++ {
			it := t.item(i)
			e.comma(i)
			putQuoted(s, it.Name)
			s.put(':')
			if !e.value(it.Type, loadValue(unsafe.Add(obj, it.Offset), it.Type)) {
				return false
			}
		}
		s.put('}')
	case abi.NKindAny, abi.NKindUnion:
		box := (*Any)(ptrOf(bits))
		if box == nil {
			s.putConst("null")
			return true
		}
		return e.value(box.Type, box.Value)
	default:
		e.err = e.r.unsupported(t)
		return false
	}
	return true
}

// putJSONFloat writes a finite double as the reference's json and fmt
// do: the integer part, then, when there is a fraction, six decimals
// taken one by one (the fraction times ten, truncated), so without
// rounding; -0.0 is 0. Integer parts beyond int64 (which the reference
// garbles) are written exactly.
func (r *Runtime) putJSONFloat(s *fmtSink, bits uint64) {
	f := *(*float64)(unsafe.Pointer(&bits))
	if f >= 9223372036854775808.0 || f <= -9223372036854775808.0 {
		r.putFloat(s, bits, ' ', 0, 0)
		return
	}
	neg := f < 0
	if neg {
		f = -f
		s.put('-')
	}
	whole := int64(f)
	s.putDigits(uint64(whole), 10, false)
	frac := f - float64(whole)
	if !(frac > 0) {
		return
	}
	s.put('.')
	for k := 0; k < 6; k++ {
		x := frac * 10
		d := int64(x)
		s.put('0' + uint8(d))
		frac = x - float64(d)
	}
}

func floatSpecial(bits uint64) string {
	switch {
	case bits&(1<<52-1) != 0:
		return "nan"
	case bits>>63 != 0:
		return "-inf"
	}
	return "inf"
}

// putQuoted writes str as a JSON string: quotes, backslashes and control
// bytes escaped (\b \f \n \r \t, the others as \u00XX), other bytes as
// they are.
func putQuoted(s *fmtSink, str *String) {
	s.put('"')
	n := StringLen(str)
	from := int64(0)
	for i := int64(0); i < n; i++ {
		c := byteAt(str.Data, i)
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		s.putBytes(unsafe.Add(str.Data, from), i-from)
		from = i + 1
		s.put('\\')
		switch c {
		case '"', '\\':
			s.put(c)
		case '\b':
			s.put('b')
		case '\f':
			s.put('f')
		case '\n':
			s.put('n')
		case '\r':
			s.put('r')
		case '\t':
			s.put('t')
		default:
			s.putConst("u00")
			s.put(hexDigit(c >> 4))
			s.put(hexDigit(c & 15))
		}
	}
	if n > 0 {
		s.putBytes(unsafe.Add(str.Data, from), n-from)
	}
	s.put('"')
}

func hexDigit(d uint8) uint8 {
	if d < 10 {
		return '0' + d
	}
	return 'a' + d - 10
}

// ---- Decoding ----

// jsonDec reads one JSON text.
type jsonDec struct {
	r     *Runtime
	src   *String        // the text, kept reachable
	p     unsafe.Pointer // its bytes
	n     int64
	i     int64 // the next byte
	depth int
	kit   jsonKit
	parse bool // json.parse: numbers are json.number tokens
	err   *String
}

// JSONDecode is the entry point JSONDecode on r.
func (r *Runtime) JSONDecode(t *Type, s *String, kit *Vec, parse bool, out **Any) *String {
	if t == nil {
		return r.constString("type not found")
	}
	d := jsonDec{r: r, src: s, n: StringLen(s), parse: parse}
	if s != nil {
		d.p = s.Data
	}
	d.kit.load(kit)
	bits, ok := d.value(t)
	if ok {
		d.ws()
		if d.i < d.n {
			ok = d.fail("unexpected trailing data", d.i)
		}
	}
	if !ok {
		return d.err
	}
	box := (*Any)(ptrOf(bits))
	if !t.isBoxed() {
		box = r.AnyBox(t, bits)
	}
	r.setOut(unsafe.Pointer(out), unsafe.Pointer(box))
	return nil
}

// fail records the error msg at pos; it returns false.
func (d *jsonDec) fail(msg string, pos int64) bool {
	d.err = d.r.jsonMessage(msg, "", "", pos)
	return false
}

// peek returns the next byte, 0 at the end.
func (d *jsonDec) peek() uint8 {
	if d.i < d.n {
		return byteAt(d.p, d.i)
	}
	return 0
}

// ws skips white space.
func (d *jsonDec) ws() {
	for d.i < d.n {
		switch byteAt(d.p, d.i) {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// expect consumes c after white space, or fails with "expected `c`".
func (d *jsonDec) expect(c uint8, what string) bool {
	d.ws()
	if d.peek() != c {
		return d.fail(what, d.i)
	}
	d.i++
	return true
}

// word consumes the literal w (true, false, null) if it comes next.
func (d *jsonDec) word(w string) bool {
	if d.i+int64(len(w)) > d.n {
		return false
	}
	for k := 0; k < len(w); k++ {
		if byteAt(d.p, d.i+int64(k)) != w[k] {
			return false
		}
	}
	d.i += int64(len(w))
	return true
}

// enter and leave bound the nesting of arrays and objects.
func (d *jsonDec) enter() bool {
	d.depth++
	if d.depth > jsonMaxDepth {
		return d.fail("JSON nesting exceeds 256", d.i)
	}
	return true
}

func (d *jsonDec) leave() { d.depth-- }

// value reads a value of type t and returns its bits.
func (d *jsonDec) value(t *Type) (uint64, bool) {
	d.ws()
	switch t.NKind {
	case abi.NKindBool:
		return d.boolean()
	case abi.NKindI8, abi.NKindI16, abi.NKindI32, abi.NKindI64, abi.NKindU8, abi.NKindU16, abi.NKindU32, abi.NKindU64,
		abi.NKindF32, abi.NKindF64:
		f, ok := d.number()
		return numberBits(t, f), ok
	case abi.NKindString:
		if d.peek() != '"' {
			return 0, d.fail("expected `\"`", d.i)
		}
		d.i++
		s, ok := d.str()
		return uint64(uintptr(unsafe.Pointer(s))), ok
	case abi.NKindVec:
		return d.vec(t)
	case abi.NKindMap:
		return d.object(t)
	case abi.NKindStruct:
		return d.object(t)
	case abi.NKindAny:
		return d.dynamic()
	case abi.NKindUnion:
		if t.Elem == nil {
			break
		}
		if d.peek() == 'n' {
			if !d.word("null") {
				return 0, d.fail("expected `null`", d.i)
			}
			return 0, true
		}
		bits, ok := d.value(t.Elem)
		if !ok {
			return 0, false
		}
		return uint64(uintptr(unsafe.Pointer(d.r.AnyBox(t.Elem, bits)))), true
	}
	d.err = d.r.unsupported(t)
	return 0, false
}

// numberBits converts a number read to the bits of a value of type t:
// floats as they are (f32 rounded), integers truncated toward zero as
// the reference's conversions do on amd64: through a 32-bit conversion
// for i8..i32 and a 64-bit one for the others, a value out of range
// giving the smallest integer, then wrapped to the width.
func numberBits(t *Type, f float64) uint64 {
	var bits uint64
	switch t.NKind {
	case abi.NKindF64:
		return float64bits(f)
	case abi.NKindF32:
		return float64bits(float64(float32(f)))
	case abi.NKindI8, abi.NKindU8, abi.NKindI16, abi.NKindU16, abi.NKindI32:
		bits = 1 << 31
		if f > -2147483649.0 && f < 2147483648.0 {
			bits = uint64(int64(int32(f)))
		}
	case abi.NKindU64:
		bits = 1 << 63
		if f >= 9223372036854775808.0 && f < 18446744073709551616.0 {
			bits = uint64(int64(f-9223372036854775808.0)) + 1<<63
		} else if f > -9223372036854775809.0 && f < 9223372036854775808.0 {
			bits = uint64(int64(f))
		}
	default:
		bits = 1 << 63
		if f > -9223372036854775809.0 && f < 9223372036854775808.0 {
			bits = uint64(int64(f))
		}
	}
	if t.Mem.Size < 8 {
		bits &= 1<<(8*uint(t.Mem.Size)) - 1
	}
	return bits
}

// boolean reads true or false.
func (d *jsonDec) boolean() (uint64, bool) {
	if d.word("true") {
		return 1, true
	}
	if d.word("false") {
		return 0, true
	}
	return 0, d.fail("expected boolean value", d.i)
}

// scanNumber checks the number token at the cursor and moves past it;
// it returns where it starts.
func (d *jsonDec) scanNumber() (int64, bool) {
	start := d.i
	if d.peek() == '-' {
		d.i++
	}
	if !isDigit(d.peek()) {
		if d.parse {
			return start, d.fail("invalid number", d.i)
		}
		return start, d.fail("invalid number format", d.i)
	}
	if d.peek() == '0' {
		d.i++
		if isDigit(d.peek()) {
			return start, d.fail("leading zero in number", d.i)
		}
	} else {
		for isDigit(d.peek()) {
			d.i++
		}
	}
	if d.peek() == '.' {
		d.i++
		if !isDigit(d.peek()) {
			return start, d.fail("expected digit after decimal point", d.i)
		}
		for isDigit(d.peek()) {
			d.i++
		}
	}
	if c := d.peek(); c == 'e' || c == 'E' {
		d.i++
		if c := d.peek(); c == '+' || c == '-' {
			d.i++
		}
		if !isDigit(d.peek()) {
			return start, d.fail("expected exponent digit", d.i)
		}
		for isDigit(d.peek()) {
			d.i++
		}
	}
	return start, true
}

// number reads a number as the reference computes it: the digits of the
// integer part and of the fraction each accumulated in a double, the
// fraction divided by its power of ten, then multiplied or divided by
// ten to the exponent (at most 400).
func (d *jsonDec) number() (float64, bool) {
	start, ok := d.scanNumber()
	if !ok {
		return 0, false
	}
	i := start
	neg := byteAt(d.p, i) == '-'
	if neg {
		i++
	}
	var ip float64
	for ; i < d.i && isDigit(byteAt(d.p, i)); i++ {
		ip = ip*10 + float64(byteAt(d.p, i)-'0')
	}
	v := ip
	if i < d.i && byteAt(d.p, i) == '.' {
		i++
		var fp, scale float64 = 0, 1
		for ; i < d.i && isDigit(byteAt(d.p, i)); i++ {
			scale *= 10
			fp = fp*10 + float64(byteAt(d.p, i)-'0')
		}
		v += fp / scale
	}
	if i < d.i { // the exponent
		i++
		eneg := byteAt(d.p, i) == '-'
		if c := byteAt(d.p, i); c == '-' || c == '+' {
			i++
		}
		exp := 0
		for ; i < d.i; i++ {
			exp = exp*10 + int(byteAt(d.p, i)-'0')
			if exp > 400 {
				return 0, d.fail("number cannot be represented as f64", i+1)
			}
		}
		m := 1.0
		for k := 0; k < exp; k++ {
			m *= 10
		}
		if eneg {
			v /= m
		} else {
			v *= m
		}
	}
	if neg {
		v = -v
	}
	return v, true
}

// str reads a string whose opening quote has been consumed.
func (d *jsonDec) str() (*String, bool) {
	start := d.i
	n, end, ok := d.strBytes(start, nil)
	if !ok {
		return nil, false
	}
	d.i = end
	if n == 0 {
		return nil, true
	}
	s := d.r.newString(n)
	d.strBytes(start, s.Data)
	return s, true
}

// strBytes decodes the string content at start into out (when not nil);
// it returns the decoded length and the index after the closing quote.
func (d *jsonDec) strBytes(start int64, out unsafe.Pointer) (int64, int64, bool) {
	var n int64
	i := start
	for {
		if i >= d.n {
			return 0, 0, d.fail("unterminated string", start)
		}
		c := byteAt(d.p, i)
		switch {
		case c == '"':
			return n, i + 1, true
		case c < 0x20:
			return 0, 0, d.fail("invalid character in string literal", i)
		case c != '\\':
			// A run of plain bytes.
			j := i + 1
			for j < d.n {
				b := byteAt(d.p, j)
				if b == '"' || b == '\\' || b < 0x20 {
					break
				}
				j++
			}
			if out != nil {
				copyBytes(unsafe.Add(out, n), unsafe.Add(d.p, i), j-i)
			}
			n += j - i
			i = j
			continue
		}
		// An escape.
		if i+1 >= d.n {
			return 0, 0, d.fail("unexpected end of string", i+1)
		}
		e := byteAt(d.p, i+1)
		var b uint8
		switch e {
		case '"', '\\', '/':
			b = e
		case 'b':
			b = '\b'
		case 'f':
			b = '\f'
		case 'n':
			b = '\n'
		case 'r':
			b = '\r'
		case 't':
			b = '\t'
		case 'u':
			cp, ok := d.hex4(i + 2)
			if !ok {
				return 0, 0, false
			}
			i += 6
			if cp >= 0xd800 && cp < 0xdc00 {
				// A high surrogate: with a low one it is one code point,
				// alone it is U+FFFD.
				lo := int64(-1)
				if i+6 <= d.n && byteAt(d.p, i) == '\\' && byteAt(d.p, i+1) == 'u' {
					if v, good := d.hex4Quiet(i + 2); good && v >= 0xdc00 && v < 0xe000 {
						lo = v
					}
				}
				if lo >= 0 {
					cp = 0x10000 + (cp-0xd800)<<10 + (lo - 0xdc00)
					i += 6
				} else {
					cp = 0xfffd
				}
			} else if cp >= 0xdc00 && cp < 0xe000 {
				cp = 0xfffd
			}
			n += putUTF8(out, n, cp)
			continue
		default:
			return 0, 0, d.fail("invalid escape sequence", i+1)
		}
		if out != nil {
			*(*uint8)(unsafe.Add(out, n)) = b
		}
		n++
		i += 2
	}
}

// hex4 reads the four hex digits of a \u escape at i.
func (d *jsonDec) hex4(i int64) (int64, bool) {
	if i+4 > d.n {
		return 0, d.fail("incomplete unicode escape", i)
	}
	var v int64
	for k := i; k < i+4; k++ {
		h := hexValue(byteAt(d.p, k))
		if h < 0 {
			return 0, d.fail("invalid unicode escape", k)
		}
		v = v<<4 | h
	}
	return v, true
}

// hex4Quiet is hex4 without an error.
func (d *jsonDec) hex4Quiet(i int64) (int64, bool) {
	var v int64
	for k := i; k < i+4; k++ {
		h := hexValue(byteAt(d.p, k))
		if h < 0 {
			return 0, false
		}
		v = v<<4 | h
	}
	return v, true
}

func hexValue(c uint8) int64 {
	switch {
	case c >= '0' && c <= '9':
		return int64(c - '0')
	case c >= 'a' && c <= 'f':
		return int64(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int64(c-'A') + 10
	}
	return -1
}

// putUTF8 writes code point cp in UTF-8 at out+n (when out is not nil)
// and returns its length.
func putUTF8(out unsafe.Pointer, n int64, cp int64) int64 {
	var b [4]uint8
	var k int64
	switch {
	case cp < 0x80:
		b[0], k = uint8(cp), 1
	case cp < 0x800:
		b[0], b[1], k = uint8(0xc0|cp>>6), uint8(0x80|cp&0x3f), 2
	case cp < 0x10000:
		b[0], b[1], b[2], k = uint8(0xe0|cp>>12), uint8(0x80|cp>>6&0x3f), uint8(0x80|cp&0x3f), 3
	default:
		b[0], b[1], b[2], b[3], k = uint8(0xf0|cp>>18), uint8(0x80|cp>>12&0x3f), uint8(0x80|cp>>6&0x3f), uint8(0x80|cp&0x3f), 4
	}
	if out != nil {
		for j := int64(0); j < k; j++ {
			*(*uint8)(unsafe.Add(out, n+j)) = b[j]
		}
	}
	return k
}

// copyBytes copies n bytes.
func copyBytes(dst, src unsafe.Pointer, n int64) {
	if n > 0 {
		sys.Memmove(dst, src, uintptr(n))
	}
}

// vecBuilder collects the elements of an array being read.
type vecBuilder struct {
	v    *Vec
	elem int64
}

func (b *vecBuilder) push(r *Runtime, t *Type, bits uint64) {
	if b.v == nil || b.v.Len == b.v.Cap {
		c := int64(4)
		if b.v != nil {
			c = 2 * b.v.Cap
		}
		nv := r.newVec(b.elem, 0, c)
		if b.v != nil {
			r.copyElems(nv.Data, b.v.Data, b.v.Len, b.elem)
			nv.Len = b.v.Len
		}
		b.v = nv
	}
	r.storeElem(b.v.Data, b.v.Len, b.elem, valueWord(t, bits))
	b.v.Len++
}

// open consumes c, the bracket that starts an array or object, after
// checking the nesting (the reference checks before the bracket); empty
// reports that the closing bracket came next (consumed too).
func (d *jsonDec) open(c uint8, what string) (empty, ok bool) {
	if d.peek() != c {
		return false, d.fail(what, d.i)
	}
	if !d.enter() {
		return false, false
	}
	d.i++
	d.ws()
	if d.peek() == c+2 { // ']' or '}'
		d.i++
		d.leave()
		return true, true
	}
	return false, true
}

// more reads what follows an element of an array or object: a comma
// (more elements), or the closing bracket close, which ends it.
func (d *jsonDec) more(close uint8) (more, ok bool) {
	d.ws()
	switch d.peek() {
	case ',':
		d.i++
		return true, true
	case close:
		d.i++
		d.leave()
		return false, true
	}
	return false, d.fail("expected `,`", d.i)
}

// key reads the `"name":` of an object member; it returns where the
// name's bytes are in the text.
func (d *jsonDec) key() (lo, hi int64, ok bool) {
	if !d.expect('"', "expected `\"`") {
		return 0, 0, false
	}
	lo = d.i
	_, end, ok := d.strBytes(lo, nil)
	if !ok {
		return 0, 0, false
	}
	d.i = end
	return lo, end - 1, d.expect(':', "expected `:`")
}

// keyString returns the member name whose bytes start at lo, decoded.
func (d *jsonDec) keyString(lo int64) *String {
	save := d.i
	d.i = lo
	s, _ := d.str()
	d.i = save
	return s
}

// vec reads an array into a vec of t's element type.
func (d *jsonDec) vec(t *Type) (uint64, bool) {
	empty, ok := d.open('[', "expected `[`")
	b := vecBuilder{elem: t.Elem.elemArg()}
	for more := !empty; ok && more; {
		var bits uint64
		if bits, ok = d.value(t.Elem); ok {
			b.push(d.r, t.Elem, bits)
			more, ok = d.more(']')
		}
	}
	return uint64(uintptr(unsafe.Pointer(b.v))), ok
}

// object reads an object into a map (string or integer keys) or a
// struct (fields by name; other keys skipped; missing fields zero).
func (d *jsonDec) object(t *Type) (uint64, bool) {
	empty, ok := d.open('{', "expected `{`")
	if !ok {
		return 0, false
	}
	isMap := t.NKind == abi.NKindMap
	if isMap && t.Key.NKind != abi.NKindString && !isIntKind(t.Key.NKind) {
		d.err = d.r.unsupported(t.Key)
		return 0, false
	}
	obj := ptrOf(d.r.zeroValue(t))
	for more := !empty; ok && more; {
		if ok = d.member(t, obj, isMap); ok {
			more, ok = d.more('}')
		}
	}
	return uint64(uintptr(obj)), ok
}

// member reads one member of an object into obj, the map or struct of
// type t.
func (d *jsonDec) member(t *Type, obj unsafe.Pointer, isMap bool) bool {
	lo, hi, ok := d.key()
	if !ok {
		return false
	}
	if !isMap {
		f := d.field(t, lo, hi)
		if f == nil {
			_, ok = d.dynamicValue(false)
			return ok
		}
		val, ok := d.value(f.Type)
		if ok {
			d.r.storeValue(unsafe.Add(obj, f.Offset), f.Type, val)
		}
		return ok
	}
	var key uint64
	if t.Key.NKind == abi.NKindString {
		key = uint64(uintptr(unsafe.Pointer(d.keyString(lo))))
	} else {
		key = d.intKey(t.Key, lo, hi)
	}
	val, ok := d.value(t.Elem)
	if ok {
		d.r.MapSet((*Map)(obj), valueWord(t.Key, key), valueWord(t.Elem, val))
	}
	return ok
}

func isIntKind(k int64) bool { return k >= abi.NKindI8 && k <= abi.NKindU64 }

// intKey reads the integer map key written in the key string [lo, hi).
func (d *jsonDec) intKey(t *Type, lo, hi int64) uint64 {
	sub := jsonDec{r: d.r, p: unsafe.Add(d.p, lo), n: hi - lo}
	f, ok := sub.number()
	if !ok {
		return 0
	}
	return numberBits(t, f)
}

// field returns the field of struct t named by the raw key [lo, hi), or
// nil. A key with escapes is decoded first.
func (d *jsonDec) field(t *Type, lo, hi int64) *TypeItem {
	key := unsafe.Add(d.p, lo)
	n := hi - lo
	for k := lo; k < hi; k++ {
		if byteAt(d.p, k) == '\\' {
			s := d.keyString(lo)
			key, n = nil, StringLen(s)
			if s != nil {
				key = s.Data
			}
			break
		}
	}
	for i := int64(0); i < t.NItems; i++ {
		it := t.item(i)
		if StringLen(it.Name) == n && bytesEqual(it.Name.Data, key, n) {
			return it
		}
	}
	return nil
}

func bytesEqual(a, b unsafe.Pointer, n int64) bool {
	for i := int64(0); i < n; i++ {
		if byteAt(a, i) != byteAt(b, i) {
			return false
		}
	}
	return true
}

// zeroValue returns the zero value of type t as a struct literal makes
// it: structs, tuples and fixed arrays are new objects with their fields
// or elements zero, maps and sets new and empty.
func (r *Runtime) zeroValue(t *Type) uint64 {
	switch t.NKind {
	case abi.NKindMap:
		return uint64(uintptr(unsafe.Pointer(r.MapNew(t.Key.keyKind(), t.Elem.traced()))))
	case abi.NKindSet:
		return uint64(uintptr(unsafe.Pointer(r.SetNew(t.Elem.keyKind()))))
	case abi.NKindStruct, abi.NKindTup:
		obj := r.Alloc(&t.Mem)
		for i := int64(0); i < t.NItems; i++ {
			it := t.item(i)
			if z := r.zeroValue(it.Type); z != 0 {
				r.storeValue(unsafe.Add(obj, it.Offset), it.Type, z)
			}
		}
		return uint64(uintptr(obj))
	case abi.NKindArr:
		// N elements of the element's stored size, each zero in turn.
		es, n := t.Elem.storedSize(), t.Len
		var obj unsafe.Pointer
		if t.Elem.traced() {
			obj = r.alloc(&r.types.words, uintptr(max(n, 1)))
		} else {
			obj = r.alloc(&r.types.bytes, uintptr(max((n*es+7)&^7, 8)))
		}
		for i := int64(0); i < n; i++ {
			if z := r.zeroValue(t.Elem); z != 0 {
				r.storeValue(unsafe.Add(obj, i*es), t.Elem, z)
			}
		}
		return uint64(uintptr(obj))
	}
	return 0
}

// dynamic reads any value into an any: objects as {string:any}, arrays
// as [any], strings, bools, null, and numbers as f64 (deserialize) or
// json.number tokens (parse).
func (d *jsonDec) dynamic() (uint64, bool) {
	return d.dynamicValue(true)
}

// dynamicValue reads any value; with keep unset it only checks it
// (an unknown field of a struct).
func (d *jsonDec) dynamicValue(keep bool) (uint64, bool) {
	d.ws()
	k := &d.kit.t
	switch c := d.peek(); {
	case d.i >= d.n:
		return 0, d.fail("unexpected end of input", d.i)
	case c == '{':
		var m *Map
		if keep {
			m = d.r.MapNew(abi.KindString, true)
		}
		empty, ok := d.open('{', "")
		for more := !empty; ok && more; {
			if ok = d.dynMember(m, keep); ok {
				more, ok = d.more('}')
			}
		}
		if !ok {
			return 0, false
		}
		return d.box(keep, k[jsonKitMap], uint64(uintptr(unsafe.Pointer(m))))
	case c == '[':
		b := vecBuilder{elem: 8 + abi.VecElemPtr}
		empty, ok := d.open('[', "")
		for more := !empty; ok && more; {
			var v uint64
			if v, ok = d.dynamicValue(keep); ok {
				if keep {
					b.push(d.r, k[jsonKitVec], v)
				}
				more, ok = d.more(']')
			}
		}
		if !ok {
			return 0, false
		}
		return d.box(keep, k[jsonKitVec], uint64(uintptr(unsafe.Pointer(b.v))))
	case c == '"':
		d.i++
		s, ok := d.maybeStr(keep)
		if !ok {
			return 0, false
		}
		return d.box(keep, k[jsonKitString], uint64(uintptr(unsafe.Pointer(s))))
	case c == 't' || c == 'f':
		b, ok := d.boolean()
		if !ok {
			return 0, false
		}
		return d.box(keep, k[jsonKitBool], b)
	case c == 'n':
		if !d.word("null") {
			return 0, d.fail("expected `null`", d.i)
		}
		return 0, true
	}
	if d.parse || !keep {
		start, ok := d.scanNumber()
		if !ok || !keep {
			return 0, ok
		}
		s := d.r.newString(d.i - start)
		copyBytes(s.Data, unsafe.Add(d.p, start), d.i-start)
		return d.box(keep, k[jsonKitNumber], uint64(uintptr(unsafe.Pointer(s))))
	}
	f, ok := d.number()
	if !ok {
		return 0, false
	}
	return d.box(keep, k[jsonKitFloat], float64bits(f))
}

// dynMember reads one member of an object into m (when kept).
func (d *jsonDec) dynMember(m *Map, keep bool) bool {
	lo, _, ok := d.key()
	if !ok {
		return false
	}
	v, ok := d.dynamicValue(keep)
	if ok && keep {
		d.r.MapSet(m, uint64(uintptr(unsafe.Pointer(d.keyString(lo)))), v)
	}
	return ok
}

// maybeStr reads a string whose quote has been consumed, or only checks
// it when keep is unset.
func (d *jsonDec) maybeStr(keep bool) (*String, bool) {
	if keep {
		return d.str()
	}
	_, end, ok := d.strBytes(d.i, nil)
	d.i = end
	return nil, ok
}

// box boxes a dynamic value as an any of type t (when kept).
func (d *jsonDec) box(keep bool, t *Type, bits uint64) (uint64, bool) {
	if !keep {
		return 0, true
	}
	if t == nil {
		d.err = d.r.constString("json: type not found")
		return 0, false
	}
	return uint64(uintptr(unsafe.Pointer(d.r.AnyBox(t, bits)))), true
}
