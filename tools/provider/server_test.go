package main

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

const testURN = "urn:pulumi:dev::project::random:index/randomString:RandomString::name"

func marshal(t *testing.T, m resource.PropertyMap) *structpb.Struct {
	t.Helper()
	s, err := plugin.MarshalProperties(m, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true})
	if err != nil {
		t.Fatalf("MarshalProperties: %v", err)
	}
	return s
}

func unmarshal(t *testing.T, s *structpb.Struct) resource.PropertyMap {
	t.Helper()
	m, err := plugin.UnmarshalProperties(s, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true})
	if err != nil {
		t.Fatalf("UnmarshalProperties: %v", err)
	}
	return m
}

func TestServerPluginInfoAndHandshake(t *testing.T) {
	server := plugin.NewProviderServer(newRandomProvider())
	ctx := context.Background()

	info, err := server.GetPluginInfo(ctx, &emptypb.Empty{})
	if err != nil {
		t.Fatalf("GetPluginInfo: %v", err)
	}
	if info.GetVersion() != providerVersion {
		t.Errorf("plugin version = %q, want %q", info.GetVersion(), providerVersion)
	}

	handshake, err := server.Handshake(ctx, &pulumirpc.ProviderHandshakeRequest{})
	if err != nil {
		t.Fatalf("Handshake: %v", err)
	}
	if !handshake.GetAcceptSecrets() || !handshake.GetAcceptResources() {
		t.Errorf("handshake = %v, want secrets and resources accepted", handshake)
	}
}

func TestServerSchema(t *testing.T) {
	resp, err := plugin.NewProviderServer(newRandomProvider()).GetSchema(context.Background(), &pulumirpc.GetSchemaRequest{})
	if err != nil {
		t.Fatalf("GetSchema: %v", err)
	}

	var schema packageSchema
	if err := json.Unmarshal([]byte(resp.GetSchema()), &schema); err != nil {
		t.Fatalf("schema is not valid JSON: %v", err)
	}
	if schema.Name != "random" || schema.Version != providerVersion {
		t.Errorf("schema name, version = %q, %q; want random, %s", schema.Name, schema.Version, providerVersion)
	}
	for _, kind := range allKinds() {
		if _, ok := schema.Resources[kind.spec().token]; !ok {
			t.Errorf("schema has no resource %s", kind.spec().token)
		}
	}

	str := schema.Resources[string(stringType)]
	if !slices.Equal(str.RequiredInputs, []string{"length"}) {
		t.Errorf("RandomString required inputs = %v, want [length]", str.RequiredInputs)
	}
	if !slices.Equal(str.Required, []string{"length", "result", "special"}) {
		t.Errorf("RandomString required outputs = %v, want [length result special]", str.Required)
	}
	keepers := str.InputProperties["keepers"]
	if keepers.Type != "object" || keepers.AdditionalProperties == nil || keepers.AdditionalProperties.Type != "string" {
		t.Errorf("keepers schema = %+v, want a map of strings", keepers)
	}
	if schema.Resources[string(integerType)].Properties["result"].Type != "integer" {
		t.Errorf("RandomInteger result is not an integer in the schema")
	}
}

func TestServerCheckDiffCreate(t *testing.T) {
	server := plugin.NewProviderServer(newRandomProvider())
	ctx := context.Background()

	checked, err := server.Check(ctx, &pulumirpc.CheckRequest{
		Urn:  testURN,
		News: marshal(t, resource.PropertyMap{"length": resource.NewNumberProperty(10)}),
	})
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if len(checked.GetFailures()) != 0 {
		t.Fatalf("Check failures = %v, want none", checked.GetFailures())
	}

	created, err := server.Create(ctx, &pulumirpc.CreateRequest{Urn: testURN, Properties: checked.GetInputs()})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	outputs := unmarshal(t, created.GetProperties())
	if result, _ := knownString(outputs, "result"); len(result) != 10 || created.GetId() != result {
		t.Errorf("result, ID = %q, %q; want one 10-character string", result, created.GetId())
	}

	same, err := server.Diff(ctx, &pulumirpc.DiffRequest{
		Urn: testURN, Id: created.GetId(),
		OldInputs: checked.GetInputs(), Olds: created.GetProperties(), News: checked.GetInputs(),
	})
	if err != nil {
		t.Fatalf("Diff: %v", err)
	}
	if same.GetChanges() != pulumirpc.DiffResponse_DIFF_NONE {
		t.Errorf("Diff of unchanged inputs = %v, want DIFF_NONE", same.GetChanges())
	}

	longer, err := server.Diff(ctx, &pulumirpc.DiffRequest{
		Urn: testURN, Id: created.GetId(),
		OldInputs: checked.GetInputs(), Olds: created.GetProperties(),
		News: marshal(t, resource.PropertyMap{"length": resource.NewNumberProperty(11), "special": resource.NewBoolProperty(true)}),
	})
	if err != nil {
		t.Fatalf("Diff: %v", err)
	}
	if longer.GetChanges() != pulumirpc.DiffResponse_DIFF_SOME || !slices.Equal(longer.GetReplaces(), []string{"length"}) {
		t.Errorf("Diff of a longer length = %v with replaces %v, want DIFF_SOME replacing length",
			longer.GetChanges(), longer.GetReplaces())
	}
}

func TestServerCheckReportsFailures(t *testing.T) {
	checked, err := plugin.NewProviderServer(newRandomProvider()).Check(context.Background(), &pulumirpc.CheckRequest{
		Urn:  testURN,
		News: marshal(t, resource.PropertyMap{"length": resource.NewStringProperty("ten")}),
	})
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if len(checked.GetFailures()) != 1 || checked.GetFailures()[0].GetProperty() != "length" {
		t.Errorf("Check failures = %v, want one on length", checked.GetFailures())
	}
}
