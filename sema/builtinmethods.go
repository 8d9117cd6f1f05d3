package sema

// BuiltinMethod identifies a method of a built-in type (builtins.md
// §6–§10): what a CallBuiltinMethod calls, so the lowering can switch on
// it.
type BuiltinMethod uint8

// The built-in methods. Static constructors (T.new, vec<T>.cap_of) are
// called on a type; the others on a value of that type.
const (
	NoMethod BuiltinMethod = iota

	VecNew    // vec<T>.new(T value, int len):vec<T>
	VecCapOf  // vec<T>.cap_of(int cap):vec<T>
	VecPush   // v.push(T)
	VecAppend // v.append(vec<T>)
	VecConcat // v.concat(vec<T>):vec<T>
	VecSlice  // v.slice(int, int):vec<T>
	VecCopy   // v.copy(vec<T>):int
	VecLen    // v.len():int
	VecCap    // v.cap():int
	VecRef    // v.ref():anyptr
	VecSort   // v.sort(fn(int,int):bool)
	VecSearch // v.search(fn(int):bool):int
	VecSwap   // v.swap(int, int)
	VecDeinit // v.deinit()

	MapNew      // map<K,V>.new():map<K,V>
	MapLen      // m.len():int
	MapContains // m.contains(K):bool
	MapDel      // m.del(K)

	SetNew      // set<T>.new():set<T>
	SetAdd      // s.add(T)
	SetContains // s.contains(T):bool
	SetDel      // s.del(T)

	StringLen  // s.len():int
	StringChar // s.char():u8
	StringRef  // s.ref():anyptr

	ChanNew      // chan<T>.new([int cap]):chan<T>
	ChanSend     // c.send(T)!
	ChanRecv     // c.recv():T!
	ChanClose    // c.close()!
	ChanIsClosed // c.is_closed():bool
	ChanOnRecv   // c.on_recv() in a select arm
	ChanOnSend   // c.on_send(T) in a select arm

	FutureAwait     // f.await():T!
	FutureAwaitVoid // f.await_void()!

	ErrorMsg // e.msg():string of throwable / errort

	ChanTrySend      // c.try_send(T):bool!
	ChanTryRecv      // c.try_recv():(T, bool)!
	ChanIsSuccessful // c.is_successful():bool

	numBuiltinMethods
)

var builtinMethodNames = [...]string{
	NoMethod:         "?",
	VecNew:           "vec.new",
	VecCapOf:         "vec.cap_of",
	VecPush:          "vec.push",
	VecAppend:        "vec.append",
	VecConcat:        "vec.concat",
	VecSlice:         "vec.slice",
	VecCopy:          "vec.copy",
	VecLen:           "vec.len",
	VecCap:           "vec.cap",
	VecRef:           "vec.ref",
	VecSort:          "vec.sort",
	VecSearch:        "vec.search",
	VecSwap:          "vec.swap",
	VecDeinit:        "vec.deinit",
	MapNew:           "map.new",
	MapLen:           "map.len",
	MapContains:      "map.contains",
	MapDel:           "map.del",
	SetNew:           "set.new",
	SetAdd:           "set.add",
	SetContains:      "set.contains",
	SetDel:           "set.del",
	StringLen:        "string.len",
	StringChar:       "string.char",
	StringRef:        "string.ref",
	ChanNew:          "chan.new",
	ChanSend:         "chan.send",
	ChanRecv:         "chan.recv",
	ChanClose:        "chan.close",
	ChanIsClosed:     "chan.is_closed",
	ChanTrySend:      "chan.try_send",
	ChanTryRecv:      "chan.try_recv",
	ChanIsSuccessful: "chan.is_successful",
	ChanOnRecv:       "chan.on_recv",
	ChanOnSend:       "chan.on_send",
	FutureAwait:      "future.await",
	FutureAwaitVoid:  "future.await_void",
	ErrorMsg:         "throwable.msg",
}

// String returns the method as type.name, e.g. "vec.push".
func (m BuiltinMethod) String() string {
	if int(m) < len(builtinMethodNames) {
		return builtinMethodNames[m]
	}
	return "?"
}
