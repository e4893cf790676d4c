package roster

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/orisano/gosax"

	"disburse/internal/worksheet"
)

// Strikethrough is set on a cell's style (styleMarks) when staff select
// the cell and press 删除线, but on the text itself when they double-click
// into the cell, select the text and press it: the cell's string is then
// rich text, runs of text each with its own font (<r><rPr><strike/></rPr>
// <t>邹香</t></r>), kept in the shared strings table (xl/sharedStrings.xml)
// or, for an inline string, in the cell (<is><r>...</r></is>). A 姓名 or ID
// with a struck run holds its row as a struck cell does (holdStruckRows):
// the value read keeps the struck characters, and the bank would pay them.
//
// The shared strings table of a province's roster holds millions of
// strings; it is read once per workbook, streaming (scanSharedStrings), for
// the few items with a struck run, and a worksheet's scan looks up the
// index of each shared-string cell only when there are any.

// runStrikes gathers the struck-through text of the runs of one string
// item (a <si> of the shared strings, an <is> of a cell) as the tokenizer
// hands them out: begin at the item, open and close for the elements
// inside it, addText for every text, and item at the item's end. Both
// scanners (scanSharedStrings, scanSheet) read runs through it.
type runStrikes struct {
	inText   bool   // a run's <t> is open
	struck   bool   // the run being read is struck through
	text     []byte // the text of the run being read, when it is struck
	gathered []byte // the struck text of the item's runs so far
}

// begin starts a string item.
func (s *runStrikes) begin() { s.gathered = s.gathered[:0] }

// run starts a run.
func (s *runStrikes) run() { s.struck, s.text = false, s.text[:0] }

// strike reads a run's <strike> (the bytes of its attributes).
func (s *runStrikes) strike(attrs []byte) error {
	on, err := strikeOn(attrs)
	s.struck = on
	return err
}

// addText adds a text or CDATA event, when inside a run's <t>.
func (s *runStrikes) addText(ev gosax.Event) error {
	if !s.inText || !s.struck {
		return nil
	}
	b, err := worksheet.Text(ev)
	if err != nil {
		return err
	}
	s.text = append(s.text, b...)
	return nil
}

// endRun ends a run: struck text that is not blank counts.
func (s *runStrikes) endRun() {
	if s.struck && len(bytes.TrimSpace(s.text)) > 0 {
		s.gathered = append(s.gathered, s.text...)
	}
	s.struck = false
}

// item returns the struck text of the item, "" when none.
func (s *runStrikes) item() string {
	return strings.TrimSpace(string(s.gathered))
}

// Kinds of the elements of a string item's runs, as both scanners keep
// the kinds of the open elements (theirs count up from 0, other).
const (
	kindRun      int8 = 64 + iota // <r>
	kindRunProps                  // <rPr> of a run
	kindRunText                   // <t> of a run
)

// open notes an element named local (attributes attrs) opened inside a
// string item: parent is the kind of the element it is in, item the kind
// the scanner gives the item itself (<si>, <is>). It returns the element's
// kind, kindRun, kindRunProps or kindRunText, or 0 for any other element,
// a run's <strike> among them, which it reads.
func (s *runStrikes) open(parent, item int8, local string, attrs []byte) (int8, error) {
	switch {
	case parent == item && local == "r":
		s.run()
		return kindRun, nil
	case parent == kindRun && local == "rPr":
		return kindRunProps, nil
	case parent == kindRunProps && local == "strike":
		return 0, s.strike(attrs)
	case parent == kindRun && local == "t":
		s.inText = true
		return kindRunText, nil
	}
	return 0, nil
}

// close notes the end of an element of kind kind: a run's text, or a run
// (endRun).
func (s *runStrikes) close(kind int8) {
	switch kind {
	case kindRunText:
		s.inText = false
	case kindRun:
		s.endRun()
	}
}

// strikeOn reads a <strike> element's attributes: struck unless its val
// says false (val="0", val="false"); a val that is no boolean counts as
// struck, so that a row is held rather than paid on a doubt.
func strikeOn(attrs []byte) (bool, error) {
	v, err := worksheet.Attr(attrs, "val")
	if err != nil {
		return true, err
	}
	b, perr := strconv.ParseBool(strings.TrimSpace(v))
	return perr != nil || b, nil
}

// scanSharedStrings reads a shared strings part and returns, by index of
// string item, the struck text of each item that has a struck run whose
// text is not blank; nil when none has. It returns worksheet.ErrUnresolved
// (or the XML error) for a part it does not answer for: another encoding,
// or a mismatched end tag.
func scanSharedStrings(r io.Reader) (map[int]string, error) {
	const (
		other = iota
		root
		item
	)
	var out map[int]string
	var kinds [5]int8 // kinds of the open elements at the top of the tree
	var strikes runStrikes
	index := -1
	err := worksheet.Walk(r, func(ev gosax.Event, open *worksheet.Tags) error {
		switch ev.Type() {
		case gosax.EventStart:
			name, attrs := gosax.Name(ev.Bytes)
			local := string(worksheet.LocalName(name))
			depth := open.Depth() - 1
			parent := int8(other)
			if depth > 0 && depth <= len(kinds) {
				parent = kinds[depth-1]
			}
			kind := int8(other)
			switch {
			case depth == 0:
				kind = root
			case parent == root && local == "si":
				kind = item
				index++
				strikes.begin()
			default:
				var err error
				if kind, err = strikes.open(parent, item, local, attrs); err != nil {
					return err
				}
			}
			if depth < len(kinds) {
				kinds[depth] = kind
			}
		case gosax.EventText, gosax.EventCData:
			return strikes.addText(ev)
		case gosax.EventEnd:
			depth := open.Depth()
			if depth >= len(kinds) {
				return nil
			}
			strikes.close(kinds[depth])
			if kinds[depth] == item {
				if s := strikes.item(); s != "" {
					if out == nil {
						out = map[int]string{}
					}
					out[index] = s
				}
			}
			kinds[depth] = other
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// readSharedStrings scans the workbook's shared strings part, once
// (scanSharedStrings): w.marks.shared gets the struck text of its items,
// and w.sharedErr says why the part could not be read, for every sheet's
// scan to give up and excelize to answer. A part that does not mention
// strike anywhere, as nearly every one, is only searched for the word: a
// byte search costs a fraction of the tokenizing.
func (w *workbookParts) readSharedStrings() {
	part := w.SharedStrings()
	if part == nil {
		return
	}
	read := func(fn func(io.Reader) error) error {
		rc, err := part.Open()
		if err != nil {
			return err
		}
		defer rc.Close()
		return fn(rc)
	}
	found := false
	err := read(func(r io.Reader) (err error) {
		found, err = mentions(r, []byte("strike"))
		return err
	})
	if err == nil && found {
		err = read(func(r io.Reader) (err error) {
			w.marks.shared, err = scanSharedStrings(bufio.NewReaderSize(r, 64<<10))
			return err
		})
	}
	if err != nil {
		w.marks.shared, w.sharedErr = nil, errors.Join(errScan, err)
	}
}

// mentions reports whether word occurs in what r reads.
func mentions(r io.Reader, word []byte) (bool, error) {
	buf := make([]byte, 64<<10)
	kept := 0 // bytes kept from the chunk before, for a word across two chunks
	for {
		n, err := r.Read(buf[kept:])
		n += kept
		if bytes.Contains(buf[:n], word) {
			return true, nil
		}
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		kept = min(n, len(word)-1)
		copy(buf, buf[n-kept:n])
	}
}
