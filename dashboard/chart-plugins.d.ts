// The options of the dashboard's own Chart.js plugins, as Chart.js types its built-in ones.
import 'chart.js';

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    /** A dashed vertical line at the period holding a day ("Over time": the day VCSP closed); index null draws nothing. */
    dayMarker?: { index: number | null; day: string | null; label: string; type?: TType };
  }
}
