package knowledge

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestBuildOpenRoundTrip(t *testing.T) {
	ctx := context.Background()
	docs := twoPages()
	films, err := Merge(docs)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kb.db")
	if _, err := Build(ctx, path, docs, nil); err != nil {
		t.Fatal(err)
	}
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got, err := st.Films(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d films", len(got))
	}
	want := *films[0]
	want.ID = got[0].ID
	if !reflect.DeepEqual(got[0], &want) {
		t.Errorf("round trip changed the film:\n got %+v\nwant %+v", got[0], &want)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats["documents"] != 3 || stats["films"] != 1 || stats["quotes"] != 2 {
		t.Errorf("stats %v", stats)
	}
	refs, err := st.PersonRefs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range refs {
		if p.Name == "Ann Vale" {
			person, err := st.Person(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(person.Credits) != 2 {
				t.Errorf("Ann Vale credits %+v, want director and writer", person.Credits)
			}
		}
	}
}

func TestOpenRejects(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	notKB := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(notKB, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		filepath.Join(dir, "missing.db"): "no knowledge base at",
		notKB:                            "not a moviebot knowledge base",
		dir:                              "is a directory",
	}
	for path, want := range cases {
		_, err := Open(ctx, path)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Open(%s) = %v, want an error containing %q", path, err, want)
		}
		if ErrorCode(err) != EINVALID {
			t.Errorf("Open(%s) code %q, want %q", path, ErrorCode(err), EINVALID)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); !os.IsNotExist(err) {
		t.Error("Open created a missing file")
	}
}

func TestBlobsStreamInChunks(t *testing.T) {
	ctx := context.Background()
	big := make([]byte, 2*blobChunk+12345)
	for i := range big {
		big[i] = byte(i * 7)
	}
	derive := func(ctx context.Context, s *Store) (map[string][]byte, error) {
		return map[string][]byte{"big": big, "empty": {}}, nil
	}
	path := filepath.Join(t.TempDir(), "kb.db")
	if _, err := Build(ctx, path, twoPages(), derive); err != nil {
		t.Fatal(err)
	}
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for name, want := range map[string][]byte{"big": big, "empty": {}} {
		r, err := st.OpenBlob(ctx, name)
		if err != nil || r == nil {
			t.Fatalf("OpenBlob(%s) = %v, %v", name, r, err)
		}
		got, err := io.ReadAll(r)
		r.Close()
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("blob %s: read %d bytes (err %v), want %d", name, len(got), err, len(want))
		}
	}
	if r, err := st.OpenBlob(ctx, "missing"); r != nil || err != nil {
		t.Errorf("OpenBlob(missing) = %v, %v; want nil, nil", r, err)
	}
}
