// Package inbox lists the roster files staff dropped in the inbox folder and,
// once a run is recorded, moves them to the archive (or to the rejected
// folder with a note beside each). Files are never deleted: a move that
// cannot rename across file systems copies, syncs and only then removes the
// original.
package inbox
