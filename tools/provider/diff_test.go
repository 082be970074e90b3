package main

import (
	"context"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
)

func diff(t *testing.T, typ tokens.Type, olds, news resource.PropertyMap, ignore ...string) plugin.DiffResult {
	t.Helper()
	resp, err := newRandomProvider().Diff(context.Background(), plugin.DiffRequest{
		Type:          typ,
		OldInputs:     olds,
		OldOutputs:    olds,
		NewInputs:     news,
		IgnoreChanges: ignore,
	})
	if err != nil {
		t.Fatalf("Diff(%s) returned error: %v", typ, err)
	}
	return resp
}

func stringMap(pairs ...string) resource.PropertyValue {
	m := resource.PropertyMap{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[resource.PropertyKey(pairs[i])] = resource.NewStringProperty(pairs[i+1])
	}
	return resource.NewObjectProperty(m)
}

func TestDiffUnchangedIsNone(t *testing.T) {
	inputs := resource.PropertyMap{
		"length":  resource.NewNumberProperty(8),
		"special": resource.NewBoolProperty(true),
		"keepers": stringMap("a", "1"),
	}
	got := diff(t, stringType, inputs, inputs.Copy())
	if got.Changes != plugin.DiffNone {
		t.Errorf("changes = %v, want DiffNone; detailed diff %v", got.Changes, got.DetailedDiff)
	}
}

func TestDiffKinds(t *testing.T) {
	unknown := resource.MakeComputed(resource.NewStringProperty(""))
	base := resource.PropertyMap{
		"length":  resource.NewNumberProperty(8),
		"special": resource.NewBoolProperty(true),
		"keepers": stringMap("a", "1"),
	}
	with := func(key resource.PropertyKey, v resource.PropertyValue) resource.PropertyMap {
		m := base.Copy()
		m[key] = v
		return m
	}
	without := func(key resource.PropertyKey) resource.PropertyMap {
		m := base.Copy()
		delete(m, key)
		return m
	}
	sleepBase := resource.PropertyMap{"createSeconds": resource.NewNumberProperty(1)}

	cases := []struct {
		name string
		typ  tokens.Type
		olds resource.PropertyMap
		news resource.PropertyMap
		key  string
		kind plugin.DiffKind
	}{
		{"length changed", stringType, base, with("length", resource.NewNumberProperty(9)), "length", plugin.DiffUpdateReplace},
		{"keeper value changed", stringType, base, with("keepers", stringMap("a", "2")), "keepers", plugin.DiffUpdateReplace},
		{"keepers removed", stringType, base, without("keepers"), "keepers", plugin.DiffDeleteReplace},
		{"keepers added", stringType, without("keepers"), base, "keepers", plugin.DiffAddReplace},
		{"length unknown", stringType, base, with("length", unknown), "length", plugin.DiffUpdateReplace},
		{"integer max changed", integerType,
			resource.PropertyMap{"min": resource.NewNumberProperty(1), "max": resource.NewNumberProperty(5)},
			resource.PropertyMap{"min": resource.NewNumberProperty(1), "max": resource.NewNumberProperty(6)},
			"max", plugin.DiffUpdateReplace},
		{"pet prefix added", petType,
			resource.PropertyMap{"length": resource.NewNumberProperty(2)},
			resource.PropertyMap{"length": resource.NewNumberProperty(2), "prefix": resource.NewStringProperty("p")},
			"prefix", plugin.DiffAddReplace},
		{"sleep seconds changed", sleepType, sleepBase,
			resource.PropertyMap{"createSeconds": resource.NewNumberProperty(2)}, "createSeconds", plugin.DiffUpdate},
		{"sleep triggers added", sleepType, sleepBase,
			resource.PropertyMap{"createSeconds": resource.NewNumberProperty(1), "triggers": stringMap("x", "y")},
			"triggers", plugin.DiffAddReplace},
		{"failure message changed", failureType,
			resource.PropertyMap{"message": resource.NewStringProperty("a")},
			resource.PropertyMap{"message": resource.NewStringProperty("b")}, "message", plugin.DiffUpdate},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := diff(t, c.typ, c.olds, c.news)
			if got.Changes != plugin.DiffSome {
				t.Fatalf("changes = %v, want DiffSome", got.Changes)
			}
			if len(got.DetailedDiff) != 1 {
				t.Errorf("detailed diff = %v, want only %q", got.DetailedDiff, c.key)
			}
			entry, ok := got.DetailedDiff[c.key]
			if !ok {
				t.Fatalf("detailed diff = %v, want an entry for %q", got.DetailedDiff, c.key)
			}
			if entry.Kind != c.kind {
				t.Errorf("kind of %q = %v, want %v", c.key, entry.Kind, c.kind)
			}
			if !entry.InputDiff {
				t.Errorf("InputDiff of %q = false, want true", c.key)
			}
		})
	}
}

func TestDiffIgnoreChanges(t *testing.T) {
	olds := resource.PropertyMap{"min": resource.NewNumberProperty(1), "max": resource.NewNumberProperty(5)}
	news := resource.PropertyMap{"min": resource.NewNumberProperty(1), "max": resource.NewNumberProperty(9)}
	got := diff(t, integerType, olds, news, "max")
	if got.Changes != plugin.DiffNone {
		t.Errorf("changes = %v, want DiffNone when max is ignored; detailed diff %v", got.Changes, got.DetailedDiff)
	}
}

func TestDiffFallsBackToOutputs(t *testing.T) {
	outputs := resource.PropertyMap{
		"length":  resource.NewNumberProperty(8),
		"special": resource.NewBoolProperty(true),
		"result":  resource.NewStringProperty("abcdefgh"),
	}
	resp, err := newRandomProvider().Diff(context.Background(), plugin.DiffRequest{
		Type:       stringType,
		OldOutputs: outputs,
		NewInputs:  resource.PropertyMap{"length": resource.NewNumberProperty(8), "special": resource.NewBoolProperty(true)},
	})
	if err != nil {
		t.Fatalf("Diff returned error: %v", err)
	}
	if resp.Changes != plugin.DiffNone {
		t.Errorf("changes = %v, want DiffNone; detailed diff %v", resp.Changes, resp.DetailedDiff)
	}
}
