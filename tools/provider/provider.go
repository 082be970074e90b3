package main

import (
	"context"
	"fmt"
	"sync"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
)

// randomProvider implements plugin.Provider. plugin.NewProviderServer turns it
// into the gRPC ResourceProviderServer, converting property values between
// protobuf and resource.PropertyMap.
type randomProvider struct {
	// UnimplementedProvider returns Unimplemented for the methods that this
	// provider does not serve: Parameterize, List, Construct and Call.
	plugin.UnimplementedProvider

	kinds map[tokens.Type]resourceKind

	// cancelled is closed when the engine calls Cancel, which interrupts
	// running sleeps.
	cancelled  chan struct{}
	cancelOnce sync.Once
}

var _ plugin.Provider = (*randomProvider)(nil)

func newRandomProvider() *randomProvider {
	kinds := map[tokens.Type]resourceKind{}
	for _, kind := range allKinds() {
		kinds[tokens.Type(kind.spec().token)] = kind
	}
	return &randomProvider{kinds: kinds, cancelled: make(chan struct{})}
}

func (p *randomProvider) kindOf(typ tokens.Type) (resourceKind, error) {
	kind, ok := p.kinds[typ]
	if !ok {
		return nil, fmt.Errorf("unknown resource type %q; provider %s %s serves %s",
			typ, packageName, providerVersion, p.typeList())
	}
	return kind, nil
}

func (p *randomProvider) typeList() string {
	list := ""
	for i, kind := range allKinds() {
		if i > 0 {
			list += ", "
		}
		list += kind.spec().token
	}
	return list
}

// withCancellation returns a context that is also cancelled when the engine
// calls Cancel.
func (p *randomProvider) withCancellation(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		select {
		case <-p.cancelled:
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, cancel
}

func (p *randomProvider) Close() error {
	return nil
}

func (p *randomProvider) Handshake(
	context.Context, plugin.ProviderHandshakeRequest,
) (*plugin.ProviderHandshakeResponse, error) {
	return &plugin.ProviderHandshakeResponse{AcceptSecrets: true, AcceptResources: true}, nil
}

func (p *randomProvider) GetPluginInfo(context.Context) (plugin.PluginInfo, error) {
	version := semver.MustParse(providerVersion)
	return plugin.PluginInfo{Version: &version}, nil
}

func (p *randomProvider) GetSchema(_ context.Context, req plugin.GetSchemaRequest) (plugin.GetSchemaResponse, error) {
	if req.SubpackageName != "" {
		return plugin.GetSchemaResponse{}, fmt.Errorf("provider %s has no subpackage %q", packageName, req.SubpackageName)
	}
	schema, err := buildSchema()
	if err != nil {
		return plugin.GetSchemaResponse{}, fmt.Errorf("build schema: %w", err)
	}
	return plugin.GetSchemaResponse{Schema: schema}, nil
}

// CheckConfig accepts any provider configuration, because the provider has none.
func (p *randomProvider) CheckConfig(
	_ context.Context, req plugin.CheckConfigRequest,
) (plugin.CheckConfigResponse, error) {
	return plugin.CheckConfigResponse{Properties: req.News}, nil
}

// DiffConfig reports no change, so a configuration change never replaces the
// provider or its resources.
func (p *randomProvider) DiffConfig(context.Context, plugin.DiffConfigRequest) (plugin.DiffConfigResponse, error) {
	return plugin.DiffResult{Changes: plugin.DiffNone}, nil
}

func (p *randomProvider) Configure(context.Context, plugin.ConfigureRequest) (plugin.ConfigureResponse, error) {
	return plugin.ConfigureResponse{}, nil
}

func (p *randomProvider) Check(_ context.Context, req plugin.CheckRequest) (plugin.CheckResponse, error) {
	kind, err := p.kindOf(req.Type)
	if err != nil {
		return plugin.CheckResponse{}, err
	}
	inputs, failures := checkInputs(kind.spec(), req.News)
	failures = append(failures, kind.validate(inputs)...)
	return plugin.CheckResponse{Properties: inputs, Failures: failures}, nil
}

func (p *randomProvider) Diff(_ context.Context, req plugin.DiffRequest) (plugin.DiffResponse, error) {
	kind, err := p.kindOf(req.Type)
	if err != nil {
		return plugin.DiffResponse{}, err
	}
	spec := kind.spec()

	// State written without inputs, such as an imported stack file, still has
	// the inputs among its outputs.
	olds := req.OldInputs
	if len(olds) == 0 {
		olds = spec.inputSubset(req.OldOutputs)
	}
	return diffInputs(spec, olds, req.NewInputs, req.IgnoreChanges), nil
}

func (p *randomProvider) Create(ctx context.Context, req plugin.CreateRequest) (plugin.CreateResponse, error) {
	kind, err := p.kindOf(req.Type)
	if err != nil {
		return plugin.CreateResponse{}, err
	}

	if req.Preview {
		outputs := req.Properties.Copy()
		for _, output := range kind.spec().outputs {
			outputs[output.name] = resource.MakeComputed(resource.NewStringProperty(""))
		}
		return plugin.CreateResponse{Properties: outputs, Status: resource.StatusOK}, nil
	}

	ctx, cancel := p.withCancellation(ctx)
	defer cancel()
	id, outputs, err := kind.create(ctx, req.Properties)
	if err != nil {
		return plugin.CreateResponse{Status: resource.StatusOK}, err
	}
	return plugin.CreateResponse{ID: id, Properties: outputs, Status: resource.StatusOK}, nil
}

// Read returns the recorded state unchanged, because the resources live only
// in the state. Without recorded state, as in `pulumi import`, it rebuilds the
// state from the ID.
func (p *randomProvider) Read(_ context.Context, req plugin.ReadRequest) (plugin.ReadResponse, error) {
	kind, err := p.kindOf(req.Type)
	if err != nil {
		return plugin.ReadResponse{}, err
	}
	spec := kind.spec()

	outputs := req.State
	if len(outputs) == 0 {
		outputs, err = kind.importOutputs(req.ID)
		if err != nil {
			return plugin.ReadResponse{}, err
		}
	}

	inputs := req.Inputs
	if len(inputs) == 0 {
		inputs = spec.inputSubset(outputs)
	}

	return plugin.ReadResponse{
		ReadResult: plugin.ReadResult{ID: req.ID, Inputs: inputs, Outputs: outputs},
		Status:     resource.StatusOK,
	}, nil
}

func (p *randomProvider) Update(ctx context.Context, req plugin.UpdateRequest) (plugin.UpdateResponse, error) {
	kind, err := p.kindOf(req.Type)
	if err != nil {
		return plugin.UpdateResponse{}, err
	}

	if req.Preview {
		outputs := keepComputedOutputs(kind.spec(), req.OldOutputs, req.NewInputs)
		return plugin.UpdateResponse{Properties: outputs, Status: resource.StatusOK}, nil
	}

	ctx, cancel := p.withCancellation(ctx)
	defer cancel()
	outputs, err := kind.update(ctx, req.ID, req.OldOutputs, req.NewInputs)
	if err != nil {
		return plugin.UpdateResponse{Status: resource.StatusOK}, err
	}
	return plugin.UpdateResponse{Properties: outputs, Status: resource.StatusOK}, nil
}

func (p *randomProvider) Delete(ctx context.Context, req plugin.DeleteRequest) (plugin.DeleteResponse, error) {
	kind, err := p.kindOf(req.Type)
	if err != nil {
		return plugin.DeleteResponse{}, err
	}

	ctx, cancel := p.withCancellation(ctx)
	defer cancel()
	if err := kind.delete(ctx, req.ID, req.Outputs); err != nil {
		return plugin.DeleteResponse{Status: resource.StatusOK}, err
	}
	return plugin.DeleteResponse{Status: resource.StatusOK}, nil
}

func (p *randomProvider) Invoke(_ context.Context, req plugin.InvokeRequest) (plugin.InvokeResponse, error) {
	return plugin.InvokeResponse{}, fmt.Errorf("unknown function %q; provider %s has no functions", req.Tok, packageName)
}

// SignalCancellation interrupts running and later sleeps. The engine calls it
// when the user cancels an update.
func (p *randomProvider) SignalCancellation(context.Context) error {
	p.cancelOnce.Do(func() { close(p.cancelled) })
	return nil
}

// GetMapping returns no mapping, because the provider does not bridge a
// Terraform provider or any other tool.
func (p *randomProvider) GetMapping(context.Context, plugin.GetMappingRequest) (plugin.GetMappingResponse, error) {
	return plugin.GetMappingResponse{}, nil
}

func (p *randomProvider) GetMappings(context.Context, plugin.GetMappingsRequest) (plugin.GetMappingsResponse, error) {
	return plugin.GetMappingsResponse{}, nil
}
