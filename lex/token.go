package lex

import "strconv"

// Token is the kind of a lexical token.
type Token uint8

// The token kinds. Operators and reserved words print as their source text,
// the other kinds as upper-case names (see String).
const (
	ILLEGAL Token = iota
	EOF

	literalBeg
	IDENT  // main, point, _
	INT    // 42, 0xff, 0o17, 0b101, 017
	FLOAT  // 3.14, 1e3
	STRING // 'abc', "abc", `raw`
	LABEL  // #linkid, #where
	MACRO  // @sizeof, @async
	literalEnd

	operatorBeg
	LPAREN   // (
	RPAREN   // )
	LBRACK   // [
	RBRACK   // ]
	LBRACE   // {
	RBRACE   // }
	LSS      // <
	GTR      // >
	COMMA    // ,
	PERIOD   // .
	RANGE    // ..
	ELLIPSIS // ...
	COLON    // :
	SEMI     // ; (written or inserted at a line break)
	ARROW    // ->
	QUESTION // ?
	NOT      // !

	ADD   // +
	SUB   // -
	MUL   // *
	QUO   // /
	REM   // %
	AND   // &
	OR    // |
	XOR   // ^
	TILDE // ~
	SHL   // <<
	SHR   // >> (never scanned: the parser merges two adjacent >)
	EQL   // ==
	NEQ   // !=
	LEQ   // <=
	GEQ   // >=
	LAND  // &&
	LOR   // ||

	ASSIGN     // =
	ADD_ASSIGN // +=
	SUB_ASSIGN // -=
	MUL_ASSIGN // *=
	QUO_ASSIGN // /=
	REM_ASSIGN // %=
	AND_ASSIGN // &=
	OR_ASSIGN  // |=
	XOR_ASSIGN // ^=
	SHL_ASSIGN // <<=
	SHR_ASSIGN // >>=
	operatorEnd

	keywordBeg
	ANY
	AS
	BREAK
	CATCH
	CHAN
	CONST
	CONTINUE
	DEFER
	ELSE
	ENUM
	FALSE
	FN
	FOR
	GO
	IF
	IMPORT
	IN
	INTERFACE
	IS
	LET
	MATCH
	NULL
	PUB
	RETURN
	SELECT
	STRUCT
	TEST
	THROW
	TRUE
	TRY
	TYPE
	UNION
	VAR

	typeKeywordBeg
	BOOL
	STRING_T
	VOID
	INT_T
	UINT
	FLOAT_T
	I8
	I16
	I32
	I64
	U8
	U16
	U32
	U64
	F32
	F64
	typeKeywordEnd
	keywordEnd
)

var tokens = [...]string{
	ILLEGAL: "ILLEGAL",
	EOF:     "EOF",

	IDENT:  "IDENT",
	INT:    "INT",
	FLOAT:  "FLOAT",
	STRING: "STRING",
	LABEL:  "LABEL",
	MACRO:  "MACRO",

	LPAREN:   "(",
	RPAREN:   ")",
	LBRACK:   "[",
	RBRACK:   "]",
	LBRACE:   "{",
	RBRACE:   "}",
	LSS:      "<",
	GTR:      ">",
	COMMA:    ",",
	PERIOD:   ".",
	RANGE:    "..",
	ELLIPSIS: "...",
	COLON:    ":",
	SEMI:     ";",
	ARROW:    "->",
	QUESTION: "?",
	NOT:      "!",

	ADD:   "+",
	SUB:   "-",
	MUL:   "*",
	QUO:   "/",
	REM:   "%",
	AND:   "&",
	OR:    "|",
	XOR:   "^",
	TILDE: "~",
	SHL:   "<<",
	SHR:   ">>",
	EQL:   "==",
	NEQ:   "!=",
	LEQ:   "<=",
	GEQ:   ">=",
	LAND:  "&&",
	LOR:   "||",

	ASSIGN:     "=",
	ADD_ASSIGN: "+=",
	SUB_ASSIGN: "-=",
	MUL_ASSIGN: "*=",
	QUO_ASSIGN: "/=",
	REM_ASSIGN: "%=",
	AND_ASSIGN: "&=",
	OR_ASSIGN:  "|=",
	XOR_ASSIGN: "^=",
	SHL_ASSIGN: "<<=",
	SHR_ASSIGN: ">>=",

	ANY:       "any",
	AS:        "as",
	BREAK:     "break",
	CATCH:     "catch",
	CHAN:      "chan",
	CONST:     "const",
	CONTINUE:  "continue",
	DEFER:     "defer",
	ELSE:      "else",
	ENUM:      "enum",
	FALSE:     "false",
	FN:        "fn",
	FOR:       "for",
	GO:        "go",
	IF:        "if",
	IMPORT:    "import",
	IN:        "in",
	INTERFACE: "interface",
	IS:        "is",
	LET:       "let",
	MATCH:     "match",
	NULL:      "null",
	PUB:       "pub",
	RETURN:    "return",
	SELECT:    "select",
	STRUCT:    "struct",
	TEST:      "test",
	THROW:     "throw",
	TRUE:      "true",
	TRY:       "try",
	TYPE:      "type",
	UNION:     "union",
	VAR:       "var",

	BOOL:     "bool",
	STRING_T: "string",
	VOID:     "void",
	INT_T:    "int",
	UINT:     "uint",
	FLOAT_T:  "float",
	I8:       "i8",
	I16:      "i16",
	I32:      "i32",
	I64:      "i64",
	U8:       "u8",
	U16:      "u16",
	U32:      "u32",
	U64:      "u64",
	F32:      "f32",
	F64:      "f64",
}

// String returns the source text of operators and reserved words and the
// upper-case name of the other kinds ("IDENT", "INT", ...).
func (t Token) String() string {
	if int(t) < len(tokens) && tokens[t] != "" {
		return tokens[t]
	}
	return "token(" + strconv.Itoa(int(t)) + ")"
}

// Name is the kind name used by the token dump ("line:col KIND text"):
// the literal classes and EOF as in String, every operator as OP and every
// reserved word as KEYWORD.
func (t Token) Name() string {
	switch {
	case t.IsOperator():
		if t == SEMI {
			return "SEMI"
		}
		return "OP"
	case t.IsKeyword():
		return "KEYWORD"
	}
	return t.String()
}

// IsLiteral reports whether t is an identifier, a literal, a label or a macro.
func (t Token) IsLiteral() bool { return literalBeg < t && t < literalEnd }

// IsOperator reports whether t is an operator or punctuation.
func (t Token) IsOperator() bool { return operatorBeg < t && t < operatorEnd }

// IsKeyword reports whether t is a reserved word.
func (t Token) IsKeyword() bool { return keywordBeg < t && t < keywordEnd }

// IsTypeKeyword reports whether t is one of the built-in scalar type names
// (bool, string, void and the numeric types). They are reserved words that
// can start a type and end a statement.
func (t Token) IsTypeKeyword() bool { return typeKeywordBeg < t && t < typeKeywordEnd }

// IsAssignOp reports whether t is "=" or a compound assignment operator.
func (t Token) IsAssignOp() bool { return ASSIGN <= t && t <= SHR_ASSIGN }

// Lookup maps an identifier to its reserved-word token, or IDENT.
// Unlike the reference scanner it matches whole words only, so e64 or eor
// are identifiers (syntax.md §3, "Quirk").
func Lookup(ident string) Token {
	if len(ident) < 2 || len(ident) > 9 {
		return IDENT
	}
	// A switch compiles to a fast comparison tree and needs no package
	// state (a map would be mutable shared state).
	switch ident {
	case "any":
		return ANY
	case "as":
		return AS
	case "break":
		return BREAK
	case "catch":
		return CATCH
	case "chan":
		return CHAN
	case "const":
		return CONST
	case "continue":
		return CONTINUE
	case "defer":
		return DEFER
	case "else":
		return ELSE
	case "enum":
		return ENUM
	case "false":
		return FALSE
	case "fn":
		return FN
	case "for":
		return FOR
	case "go":
		return GO
	case "if":
		return IF
	case "import":
		return IMPORT
	case "in":
		return IN
	case "interface":
		return INTERFACE
	case "is":
		return IS
	case "let":
		return LET
	case "match":
		return MATCH
	case "null":
		return NULL
	case "pub":
		return PUB
	case "return":
		return RETURN
	case "select":
		return SELECT
	case "struct":
		return STRUCT
	case "test":
		return TEST
	case "throw":
		return THROW
	case "true":
		return TRUE
	case "try":
		return TRY
	case "type":
		return TYPE
	case "union":
		return UNION
	case "var":
		return VAR
	case "bool":
		return BOOL
	case "string":
		return STRING_T
	case "void":
		return VOID
	case "int":
		return INT_T
	case "uint":
		return UINT
	case "float":
		return FLOAT_T
	case "i8":
		return I8
	case "i16":
		return I16
	case "i32":
		return I32
	case "i64":
		return I64
	case "u8":
		return U8
	case "u16":
		return U16
	case "u32":
		return U32
	case "u64":
		return U64
	case "f32":
		return F32
	case "f64":
		return F64
	}
	return IDENT
}
