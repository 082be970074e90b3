package main

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
)

// create runs Check and then Create, as the engine does, and fails the test
// on check failures.
func create(t *testing.T, p *randomProvider, typ tokens.Type, news resource.PropertyMap) plugin.CreateResponse {
	t.Helper()
	checked, err := p.Check(context.Background(), plugin.CheckRequest{Type: typ, News: news})
	if err != nil || len(checked.Failures) != 0 {
		t.Fatalf("Check(%s) = %v, %v; want no failures", typ, checked.Failures, err)
	}
	resp, err := p.Create(context.Background(), plugin.CreateRequest{Type: typ, Properties: checked.Properties})
	if err != nil {
		t.Fatalf("Create(%s) returned error: %v", typ, err)
	}
	return resp
}

func TestCreateRandomString(t *testing.T) {
	p := newRandomProvider()
	resp := create(t, p, stringType, resource.PropertyMap{
		"length":  resource.NewNumberProperty(32),
		"special": resource.NewBoolProperty(false),
	})

	result, ok := knownString(resp.Properties, "result")
	if !ok {
		t.Fatalf("result missing from outputs %v", resp.Properties)
	}
	if len(result) != 32 {
		t.Errorf("len(result) = %d, want 32", len(result))
	}
	if strings.ContainsFunc(result, func(r rune) bool { return !strings.ContainsRune(alphanumericCharacters, r) }) {
		t.Errorf("result %q has characters outside letters and digits although special is false", result)
	}
	if string(resp.ID) != result {
		t.Errorf("ID = %q, want the result %q", resp.ID, result)
	}
	if special, _ := knownBool(resp.Properties, "special"); special {
		t.Errorf("outputs lost the special input: %v", resp.Properties)
	}

	second := create(t, p, stringType, resource.PropertyMap{"length": resource.NewNumberProperty(32)})
	if second.Properties["result"].DeepEquals(resp.Properties["result"]) {
		t.Errorf("two creates returned the same 32-character result %q", result)
	}
}

func TestCreateRandomStringSpecial(t *testing.T) {
	allowed := alphanumericCharacters + specialCharacters
	resp := create(t, newRandomProvider(), stringType, resource.PropertyMap{"length": resource.NewNumberProperty(1024)})
	result, _ := knownString(resp.Properties, "result")
	if strings.ContainsFunc(result, func(r rune) bool { return !strings.ContainsRune(allowed, r) }) {
		t.Errorf("result %q has characters outside the allowed set", result)
	}
	if !strings.ContainsAny(result, specialCharacters) {
		t.Errorf("1024-character result with special=true has no special character: %q", result)
	}
}

func TestCreateRandomInteger(t *testing.T) {
	p := newRandomProvider()
	for range 50 {
		resp := create(t, p, integerType, resource.PropertyMap{
			"min": resource.NewNumberProperty(-3),
			"max": resource.NewNumberProperty(4),
		})
		result, ok := knownInteger(resp.Properties, "result")
		if !ok {
			t.Fatalf("result missing or not an integer in %v", resp.Properties)
		}
		if result < -3 || result > 4 {
			t.Fatalf("result = %d, want it in [-3, 4]", result)
		}
	}

	resp := create(t, p, integerType, resource.PropertyMap{
		"min": resource.NewNumberProperty(7),
		"max": resource.NewNumberProperty(7),
	})
	if result, _ := knownInteger(resp.Properties, "result"); result != 7 || resp.ID != "7" {
		t.Errorf("result, ID = %d, %q; want 7, \"7\" when min equals max", result, resp.ID)
	}
}

func TestCreateRandomPet(t *testing.T) {
	resp := create(t, newRandomProvider(), petType, resource.PropertyMap{
		"length":    resource.NewNumberProperty(3),
		"separator": resource.NewStringProperty("_"),
		"prefix":    resource.NewStringProperty("dev"),
	})

	name, _ := knownString(resp.Properties, "result")
	if string(resp.ID) != name {
		t.Errorf("ID = %q, want the result %q", resp.ID, name)
	}
	words := strings.Split(name, "_")
	if len(words) != 4 {
		t.Fatalf("name %q has %d words, want prefix plus 3", name, len(words))
	}
	if words[0] != "dev" {
		t.Errorf("first word = %q, want the prefix", words[0])
	}
	if !slices.Contains(petAdverbs, words[1]) {
		t.Errorf("second word %q is not an adverb", words[1])
	}
	if !slices.Contains(petAdjectives, words[2]) {
		t.Errorf("third word %q is not an adjective", words[2])
	}
	if !slices.Contains(petAnimals, words[3]) {
		t.Errorf("last word %q is not an animal", words[3])
	}
}

func TestCreatePreviewLeavesResultUnknown(t *testing.T) {
	resp, err := newRandomProvider().Create(context.Background(), plugin.CreateRequest{
		Type:       stringType,
		Properties: resource.PropertyMap{"length": resource.NewNumberProperty(8), "special": resource.NewBoolProperty(true)},
		Preview:    true,
	})
	if err != nil {
		t.Fatalf("preview Create returned error: %v", err)
	}
	if !resp.Properties["result"].IsComputed() {
		t.Errorf("result = %v, want unknown in a preview", resp.Properties["result"])
	}
	if resp.ID != "" {
		t.Errorf("ID = %q, want empty in a preview", resp.ID)
	}
}

func TestFailureFailsOnlyOutsidePreview(t *testing.T) {
	p := newRandomProvider()
	inputs := resource.PropertyMap{"message": resource.NewStringProperty("planned failure 42")}

	_, err := p.Create(context.Background(), plugin.CreateRequest{Type: failureType, Properties: inputs, Preview: true})
	if err != nil {
		t.Errorf("preview Create returned error %v, want success", err)
	}

	_, err = p.Create(context.Background(), plugin.CreateRequest{Type: failureType, Properties: inputs})
	if err == nil || err.Error() != "planned failure 42" {
		t.Errorf("Create error = %v, want the message input", err)
	}

	_, err = p.Update(context.Background(), plugin.UpdateRequest{
		Type: failureType, OldOutputs: inputs, NewInputs: inputs,
	})
	if err == nil || err.Error() != "planned failure 42" {
		t.Errorf("Update error = %v, want the message input", err)
	}

	if _, err := p.Delete(context.Background(), plugin.DeleteRequest{Type: failureType, Outputs: inputs}); err != nil {
		t.Errorf("Delete returned error %v, want success", err)
	}
}

func TestSleepStopsOnCancel(t *testing.T) {
	p := newRandomProvider()
	if err := p.SignalCancellation(context.Background()); err != nil {
		t.Fatalf("SignalCancellation returned error: %v", err)
	}
	_, err := p.Create(context.Background(), plugin.CreateRequest{
		Type:       sleepType,
		Properties: resource.PropertyMap{"createSeconds": resource.NewNumberProperty(maxSleepSeconds)},
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Create error = %v, want context.Canceled after Cancel", err)
	}
}

func TestSleepStopsOnContextDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newRandomProvider().Delete(ctx, plugin.DeleteRequest{
		Type:    sleepType,
		Outputs: resource.PropertyMap{"createSeconds": resource.NewNumberProperty(0), "deleteSeconds": resource.NewNumberProperty(maxSleepSeconds)},
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Delete error = %v, want context.Canceled", err)
	}
}

func TestSleepZeroSecondsCreates(t *testing.T) {
	resp := create(t, newRandomProvider(), sleepType, resource.PropertyMap{
		"createSeconds": resource.NewNumberProperty(0),
		"triggers":      stringMap("run", "1"),
	})
	if len(resp.ID) != 16 {
		t.Errorf("ID = %q, want 16 hex characters", resp.ID)
	}
	if !resp.Properties["triggers"].DeepEquals(stringMap("run", "1")) {
		t.Errorf("outputs = %v, want the inputs", resp.Properties)
	}
}

func TestReadReturnsRecordedState(t *testing.T) {
	p := newRandomProvider()
	created := create(t, p, petType, resource.PropertyMap{})
	inputs := resource.PropertyMap{"length": resource.NewNumberProperty(2), "separator": resource.NewStringProperty("-")}

	resp, err := p.Read(context.Background(), plugin.ReadRequest{
		Type: petType, ID: created.ID, Inputs: inputs, State: created.Properties,
	})
	if err != nil {
		t.Fatalf("Read returned error: %v", err)
	}
	if resp.ID != created.ID {
		t.Errorf("ID = %q, want %q", resp.ID, created.ID)
	}
	if !resp.Outputs.DeepEquals(created.Properties) {
		t.Errorf("outputs = %v, want %v", resp.Outputs, created.Properties)
	}
	if !resp.Inputs.DeepEquals(inputs) {
		t.Errorf("inputs = %v, want %v", resp.Inputs, inputs)
	}
}

func TestReadImportsFromID(t *testing.T) {
	p := newRandomProvider()

	resp, err := p.Read(context.Background(), plugin.ReadRequest{Type: integerType, ID: "7,1,10"})
	if err != nil {
		t.Fatalf("Read of RandomInteger import returned error: %v", err)
	}
	want := resource.PropertyMap{"min": resource.NewNumberProperty(1), "max": resource.NewNumberProperty(10)}
	if !resp.Inputs.DeepEquals(want) {
		t.Errorf("inputs = %v, want %v", resp.Inputs, want)
	}
	if result, _ := knownInteger(resp.Outputs, "result"); result != 7 {
		t.Errorf("result = %d, want 7", result)
	}

	resp, err = p.Read(context.Background(), plugin.ReadRequest{Type: stringType, ID: "ab#d"})
	if err != nil {
		t.Fatalf("Read of RandomString import returned error: %v", err)
	}
	if length, _ := knownInteger(resp.Inputs, "length"); length != 4 {
		t.Errorf("length = %d, want 4", length)
	}
	if special, _ := knownBool(resp.Inputs, "special"); !special {
		t.Errorf("special = false, want true for a string containing #")
	}

	for _, id := range []string{"7,1", "x,1,10", "11,1,10"} {
		if _, err := p.Read(context.Background(), plugin.ReadRequest{Type: integerType, ID: resource.ID(id)}); err == nil {
			t.Errorf("Read of RandomInteger import ID %q succeeded, want an error", id)
		}
	}
	if _, err := p.Read(context.Background(), plugin.ReadRequest{Type: sleepType, ID: "abc"}); err == nil {
		t.Errorf("Read of Sleep import succeeded, want an error")
	}
}
