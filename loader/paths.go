package loader

import (
	"context"
	"io/fs"
	"slices"
	"strings"

	"github.com/folio-reader/folio/model"
)

// LoadPaths reads the files at paths (relative to the root, as a watcher
// reports them) exactly as Load would have read them in a walk of the
// whole tree: the same checks of links and file types, the same problems.
// It returns the paths that are gone: not there, not files any more, or in
// a folder the walk does not enter.
func LoadPaths(ctx context.Context, fsys fs.FS, paths []string, opts Options, deliver func(model.Batch)) (gone []string, err error) {
	only := &onlyPaths{paths: paths}
	err = load(ctx, fsys, opts, only, deliver)
	return only.gone, err
}

// onlyPaths is a walk of a few files: each folder is listed once, for the
// types of its entries, as fs.WalkDir would have seen them.
type onlyPaths struct {
	paths []string
	gone  []string
}

func (o *onlyPaths) visit(fsys fs.FS, visit fs.WalkDirFunc) {
	byDir := map[string][]string{}
	for _, p := range o.paths {
		if !validPath(p) || p == "." || hiddenFolder(p) {
			o.gone = append(o.gone, p)
			continue
		}
		dir, name := splitPath(p)
		byDir[dir] = append(byDir[dir], name)
	}
	dirs := make([]string, 0, len(byDir))
	for d := range byDir {
		dirs = append(dirs, d)
	}
	slices.Sort(dirs)
	for _, dir := range dirs {
		names := byDir[dir]
		slices.Sort(names)
		var entries []fs.DirEntry
		var err error
		if r := panicked(func() { entries, err = fs.ReadDir(fsys, dir) }); r != nil {
			// The files may well be there: each is reported, not gone.
			for _, name := range slices.Compact(names) {
				if visitPanic(joinPath(dir, name), nil, r, visit) == fs.SkipAll {
					return
				}
			}
			continue
		}
		if err != nil {
			for _, name := range names {
				o.gone = append(o.gone, joinPath(dir, name))
			}
			continue
		}
		for _, name := range slices.Compact(names) {
			i, found := slices.BinarySearchFunc(entries, name, func(e fs.DirEntry, n string) int { return strings.Compare(e.Name(), n) })
			p := joinPath(dir, name)
			if !found || entries[i].IsDir() {
				o.gone = append(o.gone, p)
				continue
			}
			var err error
			if r := panicked(func() { err = visit(p, entries[i], nil) }); r != nil {
				err = visitPanic(p, entries[i], r, visit)
			}
			if err == fs.SkipAll {
				return
			}
		}
	}
}

// hiddenFolder reports whether p lies in a folder the walk skips.
func hiddenFolder(p string) bool {
	for _, part := range strings.Split(p, "/")[:strings.Count(p, "/")] {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}
