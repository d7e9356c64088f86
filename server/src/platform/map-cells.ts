/**
 * Maps grouped on the server: a point layer is answered as square cells of about 40 pixels at the
 * map's zoom (a 256-pixel tile spans 360 / 2^zoom degrees), so an answer grows with the cells on
 * screen and not with the rows behind them.
 */

/** The side of a map cell at a zoom, in degrees. */
export const mapCellSize = (zoom: number) => 360 / 2 ** zoom / 6;

/**
 * The SQL key of the cell holding (lat, lng) for a cell side given as a parameter: one number (row
 * and column), which the planner groups in a hash table rather than by sorting the rows.
 */
export const cellKeySql = (lat: string, lng: string, side: string) => `floor(${lat} / ${side})::int8 * 4294967296 + floor(${lng} / ${side})::int8`;
