package main

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

type srcFile struct {
	name    string
	ast     *ast.File
	imports map[string]string // package name to import path
}

type pkg struct {
	path       string
	prefix     string
	files      []*srcFile
	types      map[string]*typeDecl
	consts     map[string]*constDecl
	marshalers map[string]string // type name to its JSON-related method
}

type typeDecl struct {
	pkg        *pkg
	file       *srcFile
	spec       *ast.TypeSpec
	deprecated bool
}

type constDecl struct {
	pkg        *pkg
	file       *srcFile
	name       string
	pos        token.Pos
	typ        ast.Expr
	value      ast.Expr
	iota       int64
	deprecated bool
	val        constant.Value
	evaluating bool
}

var deprecatedRE = regexp.MustCompile(`(?m)^\s*Deprecated[:.]`)

// load parses the non-test Go files of one package and indexes its types,
// constants and JSON marshaling methods.
func (g *gen) load(spec, prefix string) (*pkg, error) {
	path, dir, ok := strings.Cut(spec, "=")
	if !ok {
		return nil, fmt.Errorf("package %q is not in importpath=dir form", spec)
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	p := &pkg{path: path, prefix: prefix, types: map[string]*typeDecl{},
		consts: map[string]*constDecl{}, marshalers: map[string]string{}}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(g.fset, name, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		f := &srcFile{name: filepath.Base(name), ast: file, imports: map[string]string{}}
		for _, imp := range file.Imports {
			importPath, _ := strconv.Unquote(imp.Path.Value)
			f.imports[importName(imp, importPath)] = importPath
		}
		p.files = append(p.files, f)
		indexFile(p, f)
	}
	if len(p.files) == 0 {
		return nil, fmt.Errorf("no Go files for %s in %s", path, dir)
	}
	g.pkgs[path] = p
	return p, nil
}

func indexFile(p *pkg, f *srcFile) {
	for _, decl := range f.ast.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil || len(d.Recv.List) != 1 {
				continue
			}
			switch d.Name.Name {
			case "MarshalJSON", "UnmarshalJSON", "MarshalText", "UnmarshalText":
				recv := d.Recv.List[0].Type
				if star, ok := recv.(*ast.StarExpr); ok {
					recv = star.X
				}
				if id, ok := recv.(*ast.Ident); ok && p.marshalers[id.Name] != "MarshalJSON" &&
					p.marshalers[id.Name] != "MarshalText" {
					p.marshalers[id.Name] = d.Name.Name
				}
			}
		case *ast.GenDecl:
			indexGenDecl(p, f, d)
		}
	}
}

func indexGenDecl(p *pkg, f *srcFile, d *ast.GenDecl) {
	var lastType, lastValue ast.Expr
	for i, s := range d.Specs {
		switch spec := s.(type) {
		case *ast.TypeSpec:
			p.types[spec.Name.Name] = &typeDecl{pkg: p, file: f, spec: spec,
				deprecated: isDeprecated(d.Doc, spec.Doc)}
		case *ast.ValueSpec:
			if d.Tok != token.CONST {
				continue
			}
			// A constant spec without values repeats the type and values of
			// the previous spec, with the next iota.
			if len(spec.Values) > 0 {
				lastType, lastValue = spec.Type, nil
			}
			for j, name := range spec.Names {
				value := lastValue
				if j < len(spec.Values) {
					value = spec.Values[j]
				}
				p.consts[name.Name] = &constDecl{pkg: p, file: f, name: name.Name, pos: name.Pos(), typ: lastType,
					value: value, iota: int64(i), deprecated: isDeprecated(d.Doc, spec.Doc)}
			}
			if len(spec.Values) > 0 {
				lastValue = spec.Values[len(spec.Values)-1]
			}
		}
	}
}

func importName(imp *ast.ImportSpec, path string) string {
	if imp.Name != nil {
		return imp.Name.Name
	}
	parts := strings.Split(path, "/")
	name := parts[len(parts)-1]
	if regexp.MustCompile(`^v[0-9]+$`).MatchString(name) && len(parts) > 1 {
		name = parts[len(parts)-2]
	}
	name, _, _ = strings.Cut(name, ".")
	return strings.TrimPrefix(name, "go-")
}

func isDeprecated(groups ...*ast.CommentGroup) bool {
	for _, group := range groups {
		if group != nil && deprecatedRE.MatchString(group.Text()) {
			return true
		}
	}
	return false
}
