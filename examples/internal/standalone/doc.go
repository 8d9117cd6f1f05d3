// Package standalone checks the toolkit's promise that each reusable
// piece can be taken alone: its tests build throwaway Go modules outside
// the workspace (GOWORK=off, no module proxy) that require one piece
// through replace lines, and run them. A module that needs a sibling it
// does not declare, or declares one a user cannot fetch, fails here.
package standalone
