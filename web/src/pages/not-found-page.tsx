import { Link } from '../router/link.tsx';
import { paths } from '../router/routes.ts';

export function NotFoundPage() {
  return (
    <section className="card">
      <h1>Page not found</h1>
      <p>
        There is no page at this address. Go to the <Link to={paths.tournaments()}>tournaments</Link>.
      </p>
    </section>
  );
}
