// Package lex is the first stage of the naturekit front end: it turns the
// bytes of a Nature source file (.n) into tokens.
//
// The package is modelled on go/token and go/scanner. It defines
//
//   - Token, the kind of a lexical token (identifiers, literals, operators,
//     reserved words, labels such as #linkid and macros such as @sizeof);
//   - Pos, File and FileSet, a compact position table that maps a byte
//     offset in any file of a program to a file:line:col Position;
//   - Scanner, which produces the token stream including the statement
//     terminators the language inserts automatically at line breaks
//     (syntax.md §6), and records comments on the side so that the
//     canonical printer can put them back;
//   - Error and ErrorList, the diagnostics of every front-end stage, which
//     print as "file:line:col: message" followed by the source line and a
//     caret.
//
// The scanner never stops at the first problem: malformed literals,
// unterminated strings or comments and stray bytes are reported with their
// position and scanning continues, so one pass reports every lexical error.
package lex
