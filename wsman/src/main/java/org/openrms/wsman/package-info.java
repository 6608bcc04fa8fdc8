/**
 * WS-Management messages: {@link org.openrms.wsman.Envelope} with typed headers, a DOM-free body
 * tree ({@link org.openrms.wsman.XmlElement}), the StAX codec ({@link
 * org.openrms.wsman.EnvelopeWriter}, {@link org.openrms.wsman.EnvelopeReader}), SOAP faults with
 * their WSManFault codes ({@link org.openrms.wsman.WsmanFault}, {@link
 * org.openrms.wsman.FaultType}, {@link org.openrms.wsman.WsmanFaultException}), WinRS and Identify
 * bodies, and the one hardened XML factory ({@link org.openrms.wsman.XmlFactories}).
 */
package org.openrms.wsman;
