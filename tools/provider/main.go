// Command pulumi-resource-random is a small Pulumi resource provider for
// Procella's end-to-end tests. It serves a subset of pulumi-random's resources
// under the same type tokens, plus the Sleep and Failure test helpers.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const (
	// packageName is the package and plugin name: the Pulumi CLI runs this
	// binary as pulumi-resource-random.
	packageName = "random"
	// providerVersion is the plugin version. GetPluginInfo and the schema report it.
	providerVersion = "0.1.0"
)

func main() {
	err := provider.Main(packageName, func(*provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return plugin.NewProviderServer(newRandomProvider()), nil
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-resource-%s: %v\n", packageName, err)
		os.Exit(1)
	}
}
