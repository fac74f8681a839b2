package ui

import (
	"slices"
	"testing"

	"charm.land/bubbles/v2/key"
)

func TestOverrideKeys(t *testing.T) {
	k := DefaultKeyMap()
	if err := k.Override(map[string][]string{"open": {"enter", "o"}, "star": {"s"}, "reader.back": {"x"}}); err != nil {
		t.Fatal(err)
	}
	if !key.Matches(keyPress("o"), k.List.Open) || !key.Matches(keyPress("s"), k.Star) || key.Matches(keyPress("*"), k.Star) {
		t.Error("the new keys do not match, or the old ones still do")
	}
	if !slices.Equal(k.Reader.Back.Keys(), []string{"x"}) || k.Star.Help().Key != "s" {
		t.Errorf("reader back %v, star help %q", k.Reader.Back.Keys(), k.Star.Help().Key)
	}
	if err := k.Override(map[string][]string{"fly": {"f"}}); err == nil {
		t.Error("an unknown action was accepted")
	}
	if !slices.Contains(Actions(), "save-search") || !slices.IsSorted(Actions()) {
		t.Errorf("Actions() = %v", Actions())
	}
}
