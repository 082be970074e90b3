package main

import (
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
)

// diffInputs compares old and new inputs property by property. A changed
// property whose spec has replaceOnChange forces a replacement, and any other
// change is an in-place update. A new value that is not known yet counts as a
// change. Top-level names in ignoreChanges are skipped.
func diffInputs(
	spec resourceSpec, olds, news resource.PropertyMap, ignoreChanges []string,
) plugin.DiffResult {
	detailed := map[string]plugin.PropertyDiff{}

	for _, p := range spec.inputs {
		if slices.Contains(ignoreChanges, string(p.name)) {
			continue
		}

		oldAbsent, newAbsent := isAbsent(olds, p.name), isAbsent(news, p.name)
		var kind plugin.DiffKind
		switch {
		case oldAbsent && newAbsent:
			continue
		case oldAbsent:
			kind = plugin.DiffAdd
		case newAbsent:
			kind = plugin.DiffDelete
		case isUnknown(news[p.name]) || news[p.name].ContainsUnknowns():
			kind = plugin.DiffUpdate
		case olds[p.name].DeepEquals(news[p.name]):
			continue
		default:
			kind = plugin.DiffUpdate
		}

		if p.replaceOnChange {
			kind = kind.AsReplace()
		}
		detailed[string(p.name)] = plugin.PropertyDiff{Kind: kind, InputDiff: true}
	}

	if len(detailed) == 0 {
		return plugin.DiffResult{Changes: plugin.DiffNone}
	}
	return plugin.DiffResult{Changes: plugin.DiffSome, DetailedDiff: detailed}
}
