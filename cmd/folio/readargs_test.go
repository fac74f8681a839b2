package main

import (
	"testing"

	"github.com/folio-reader/folio/config"
	"github.com/folio-reader/folio/model"
)

func TestReaderFlagsWinOverTheFile(t *testing.T) {
	dir := t.TempDir()
	conf := config.Config{Sort: "author", Width: 100}
	for _, tt := range []struct {
		args    []string
		sort    model.SortKey
		measure int
	}{
		{[]string{"--sort", "title", dir}, model.SortTitle, 100},
		{[]string{dir, "--sort", "title", "--measure", "60"}, model.SortTitle, 60},
		{[]string{dir}, model.SortAuthor, 100},
		{[]string{"--sort=oldest"}, model.SortOldest, 100},
	} {
		ra, err := parseReaderArgs(tt.args)
		if err != nil {
			t.Errorf("%v: %v", tt.args, err)
			continue
		}
		ra.apply(conf)
		if ra.opts.sort != tt.sort || ra.opts.measure != tt.measure {
			t.Errorf("%v: sort %v measure %d, want %v %d", tt.args, ra.opts.sort, ra.opts.measure, tt.sort, tt.measure)
		}
	}
}
