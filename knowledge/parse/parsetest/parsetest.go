// Package parsetest holds what the page parsers' tests share: reading the
// test pages, listing the pages of the other kinds, and walking a parsed
// page's strings. Only tests import it.
package parsetest

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// ReadPage reads a test page, failing the test if it cannot.
func ReadPage(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// OtherPages lists the bundled and Fargo pages (relative to a parser's
// package directory) except own, the pages of the parser's own kind.
func OtherPages(t testing.TB, own ...string) []string {
	t.Helper()
	var out []string
	for _, pattern := range []string{"../../corpus/*.txt", "../../testdata/fargo/*.txt"} {
		pages, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
	next:
		for _, p := range pages {
			for _, o := range own {
				if filepath.Clean(p) == filepath.Clean(o) {
					continue next
				}
			}
			out = append(out, p)
		}
	}
	return out
}

// WalkStrings calls f on every string reachable from v.
func WalkStrings(v reflect.Value, f func(string)) {
	switch v.Kind() {
	case reflect.String:
		f(v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			WalkStrings(v.Elem(), f)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			WalkStrings(v.Field(i), f)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			WalkStrings(v.Index(i), f)
		}
	}
}
