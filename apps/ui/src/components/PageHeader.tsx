import type { ReactNode } from "react";
import { Link } from "react-router";

export interface Crumb {
  label: string;
  to?: string;
}

/** Breadcrumbs, the page title and the page's actions on the right. */
export function PageHeader({ crumbs = [], title, actions, children }: { crumbs?: Crumb[]; title: ReactNode; actions?: ReactNode; children?: ReactNode }) {
  return (
    <header className="page-header">
      {crumbs.length > 0 ? (
        <nav className="breadcrumbs" aria-label="Breadcrumb">
          {crumbs.map((crumb, index) => (
            <span key={`${crumb.label}-${index}`}>
              {crumb.to ? <Link to={crumb.to}>{crumb.label}</Link> : crumb.label}
              {index < crumbs.length - 1 ? <span className="crumb-separator">/</span> : null}
            </span>
          ))}
        </nav>
      ) : null}
      <div className="page-title-row">
        <h1>{title}</h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </header>
  );
}
