import type { RouteConfig } from '@remix-run/route-config';
import { publicRoutes } from './routes/public.routes';
import { publicImprovementRoutes } from './routes/public-improvements.routes';
import { publicStatisticsRoutes } from './routes/public-statistics.routes';
import { staffRoutes } from './routes/staff.routes';
import { systemRoutes } from './routes/system.routes';
import { emailRoutes } from './routes/email.routes';

// Every URL of Meyasu, gathered from one list per area. The authorization matrix test reads it.
export default [...publicRoutes, ...publicImprovementRoutes, ...publicStatisticsRoutes, ...emailRoutes, ...staffRoutes, ...systemRoutes] satisfies RouteConfig;
