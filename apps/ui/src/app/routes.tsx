import { createBrowserRouter } from "react-router";

import { CliLoginPage } from "../pages/CliLoginPage.tsx";
import { LoginPage } from "../pages/LoginPage.tsx";
import { NotFoundPage } from "../pages/NotFoundPage.tsx";
import { SettingsPage } from "../pages/SettingsPage.tsx";
import { StackDetailPage } from "../pages/StackDetailPage.tsx";
import { StackListPage } from "../pages/StackListPage.tsx";
import { TokensPage } from "../pages/TokensPage.tsx";
import { UpdateDetailPage } from "../pages/UpdateDetailPage.tsx";
import { WelcomeCliPage } from "../pages/WelcomeCliPage.tsx";
import { AppShell } from "./AppShell.tsx";
import { RequireSession } from "./RequireSession.tsx";
import { RouteError } from "./RouteError.tsx";

/**
 * Client routes. Stack and update paths match the permalinks the Pulumi CLI
 * prints (`<console>/<org>/<project>/<stack>/updates/<version>`), and
 * /cli-login, /welcome/cli and /user/settings/tokens are the console pages
 * the CLI opens, so its links land on the right page.
 */
export function createRouter() {
  return createBrowserRouter([
    { path: "/login", element: <LoginPage />, errorElement: <RouteError /> },
    { path: "/welcome/cli", element: <WelcomeCliPage />, errorElement: <RouteError /> },
    {
      element: (
        <RequireSession>
          <AppShell />
        </RequireSession>
      ),
      errorElement: <RouteError />,
      children: [
        { index: true, element: <StackListPage /> },
        { path: "cli-login", element: <CliLoginPage /> },
        { path: "user/settings/tokens", element: <TokensPage /> },
        { path: "settings", element: <SettingsPage /> },
        { path: ":org", element: <StackListPage /> },
        { path: ":org/:project", element: <StackListPage /> },
        { path: ":org/:project/:stack", element: <StackDetailPage /> },
        { path: ":org/:project/:stack/updates/:version", element: <UpdateDetailPage /> },
        { path: ":org/:project/:stack/previews/:updateId", element: <UpdateDetailPage /> },
        { path: "*", element: <NotFoundPage /> },
      ],
    },
  ]);
}
