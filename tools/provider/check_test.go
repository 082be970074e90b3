package main

import (
	"context"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
)

const (
	stringType  = tokens.Type("random:index/randomString:RandomString")
	integerType = tokens.Type("random:index/randomInteger:RandomInteger")
	petType     = tokens.Type("random:index/randomPet:RandomPet")
	sleepType   = tokens.Type("random:index/sleep:Sleep")
	failureType = tokens.Type("random:index/failure:Failure")
)

func check(t *testing.T, typ tokens.Type, news resource.PropertyMap) plugin.CheckResponse {
	t.Helper()
	resp, err := newRandomProvider().Check(context.Background(), plugin.CheckRequest{Type: typ, News: news})
	if err != nil {
		t.Fatalf("Check(%s) returned error: %v", typ, err)
	}
	return resp
}

func TestCheckAppliesDefaults(t *testing.T) {
	resp := check(t, stringType, resource.PropertyMap{"length": resource.NewNumberProperty(8)})
	if len(resp.Failures) != 0 {
		t.Fatalf("unexpected failures: %v", resp.Failures)
	}
	if got := resp.Properties["special"]; !got.IsBool() || !got.BoolValue() {
		t.Errorf("special = %v, want true", got)
	}

	resp = check(t, petType, resource.PropertyMap{})
	if len(resp.Failures) != 0 {
		t.Fatalf("unexpected failures: %v", resp.Failures)
	}
	if got, _ := knownInteger(resp.Properties, "length"); got != 2 {
		t.Errorf("length = %d, want 2", got)
	}
	if got, _ := knownString(resp.Properties, "separator"); got != "-" {
		t.Errorf("separator = %q, want %q", got, "-")
	}
	if _, ok := resp.Properties["prefix"]; ok {
		t.Errorf("prefix was set although it has no default")
	}
}

func TestCheckKeepsGivenValues(t *testing.T) {
	news := resource.PropertyMap{
		"length":  resource.NewNumberProperty(12),
		"special": resource.NewBoolProperty(false),
		"keepers": resource.NewObjectProperty(resource.PropertyMap{"a": resource.NewStringProperty("1")}),
	}
	resp := check(t, stringType, news)
	if len(resp.Failures) != 0 {
		t.Fatalf("unexpected failures: %v", resp.Failures)
	}
	if !resp.Properties.DeepEquals(news) {
		t.Errorf("properties = %v, want %v", resp.Properties, news)
	}
}

func TestCheckFailures(t *testing.T) {
	keepers := func(v resource.PropertyValue) resource.PropertyValue {
		return resource.NewObjectProperty(resource.PropertyMap{"k": v})
	}
	cases := []struct {
		name     string
		typ      tokens.Type
		news     resource.PropertyMap
		property resource.PropertyKey
		reason   string
	}{
		{"missing length", stringType, resource.PropertyMap{}, "length", "missing required property"},
		{"null length", stringType, resource.PropertyMap{"length": resource.NewNullProperty()}, "length", "missing required"},
		{"string length", stringType, resource.PropertyMap{"length": resource.NewStringProperty("8")}, "length", "expected an integer"},
		{"fractional length", stringType, resource.PropertyMap{"length": resource.NewNumberProperty(2.5)}, "length", "expected an integer"},
		{"zero length", stringType, resource.PropertyMap{"length": resource.NewNumberProperty(0)}, "length", "outside the range"},
		{"huge length", stringType, resource.PropertyMap{"length": resource.NewNumberProperty(5000)}, "length", "outside the range"},
		{"string special", stringType, resource.PropertyMap{
			"length": resource.NewNumberProperty(4), "special": resource.NewStringProperty("yes"),
		}, "special", "expected a boolean"},
		{"unknown property", stringType, resource.PropertyMap{
			"length": resource.NewNumberProperty(4), "upper": resource.NewBoolProperty(true),
		}, "upper", "unknown property"},
		{"keepers not a map", stringType, resource.PropertyMap{
			"length": resource.NewNumberProperty(4), "keepers": resource.NewStringProperty("x"),
		}, "keepers", "expected a map of strings"},
		{"keepers number value", stringType, resource.PropertyMap{
			"length": resource.NewNumberProperty(4), "keepers": keepers(resource.NewNumberProperty(1)),
		}, "keepers", `key "k" has a number`},
		{"min above max", integerType, resource.PropertyMap{
			"min": resource.NewNumberProperty(10), "max": resource.NewNumberProperty(1),
		}, "max", "less than min"},
		{"missing max", integerType, resource.PropertyMap{"min": resource.NewNumberProperty(1)}, "max", "missing required"},
		{"pet length zero", petType, resource.PropertyMap{"length": resource.NewNumberProperty(0)}, "length", "outside the range"},
		{"pet number separator", petType, resource.PropertyMap{"separator": resource.NewNumberProperty(1)}, "separator", "expected a string"},
		{"negative sleep", sleepType, resource.PropertyMap{"createSeconds": resource.NewNumberProperty(-1)}, "createSeconds", "outside the range"},
		{"long delete sleep", sleepType, resource.PropertyMap{
			"createSeconds": resource.NewNumberProperty(0), "deleteSeconds": resource.NewNumberProperty(4000),
		}, "deleteSeconds", "outside the range"},
		{"missing message", failureType, resource.PropertyMap{}, "message", "missing required"},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp := check(t, c.typ, c.news)
			if len(resp.Failures) != 1 {
				t.Fatalf("got %d failures %v, want 1 on %q", len(resp.Failures), resp.Failures, c.property)
			}
			if resp.Failures[0].Property != c.property {
				t.Errorf("failure property = %q, want %q", resp.Failures[0].Property, c.property)
			}
			if !strings.Contains(resp.Failures[0].Reason, c.reason) {
				t.Errorf("failure reason = %q, want it to contain %q", resp.Failures[0].Reason, c.reason)
			}
		})
	}
}

func TestCheckAcceptsUnknownsAndSecrets(t *testing.T) {
	unknown := resource.MakeComputed(resource.NewStringProperty(""))
	resp := check(t, integerType, resource.PropertyMap{
		"min": unknown,
		"max": resource.MakeSecret(resource.NewNumberProperty(3)),
	})
	if len(resp.Failures) != 0 {
		t.Fatalf("unexpected failures: %v", resp.Failures)
	}
	if !resp.Properties["min"].IsComputed() {
		t.Errorf("min = %v, want it to stay unknown", resp.Properties["min"])
	}
	if !resp.Properties["max"].IsSecret() {
		t.Errorf("max = %v, want it to stay secret", resp.Properties["max"])
	}
}

func TestCheckUnknownType(t *testing.T) {
	_, err := newRandomProvider().Check(context.Background(), plugin.CheckRequest{
		Type: "random:index/randomPassword:RandomPassword",
		News: resource.PropertyMap{},
	})
	if err == nil || !strings.Contains(err.Error(), "unknown resource type") {
		t.Fatalf("error = %v, want an unknown resource type error", err)
	}
}
