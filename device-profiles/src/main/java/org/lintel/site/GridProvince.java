package org.lintel.site;

import java.util.Arrays;
import java.util.Optional;
import org.lintel.i18n.Label;

/**
 * The province a community is in, for its electricity's CO₂: since the announcement of 2024-12-20 生态环境部 and
 * 国家统计局 publish a factor per province as well as per regional grid. Each province belongs to the regional grid whose
 * factor counts for it when its own table has no provincial one. Inner Mongolia's west is in the North China grid and
 * its east in the North-east's: it is listed with the North, and a site in the east sets {@code gridRegion} itself.
 */
public enum GridProvince {
    BEIJING("beijing", "Beijing", "北京", GridRegion.NORTH),
    TIANJIN("tianjin", "Tianjin", "天津", GridRegion.NORTH),
    HEBEI("hebei", "Hebei", "河北", GridRegion.NORTH),
    SHANXI("shanxi", "Shanxi", "山西", GridRegion.NORTH),
    SHANDONG("shandong", "Shandong", "山东", GridRegion.NORTH),
    INNER_MONGOLIA("inner-mongolia", "Inner Mongolia", "内蒙古", GridRegion.NORTH),
    LIAONING("liaoning", "Liaoning", "辽宁", GridRegion.NORTH_EAST),
    JILIN("jilin", "Jilin", "吉林", GridRegion.NORTH_EAST),
    HEILONGJIANG("heilongjiang", "Heilongjiang", "黑龙江", GridRegion.NORTH_EAST),
    SHANGHAI("shanghai", "Shanghai", "上海", GridRegion.EAST),
    JIANGSU("jiangsu", "Jiangsu", "江苏", GridRegion.EAST),
    ZHEJIANG("zhejiang", "Zhejiang", "浙江", GridRegion.EAST),
    ANHUI("anhui", "Anhui", "安徽", GridRegion.EAST),
    FUJIAN("fujian", "Fujian", "福建", GridRegion.EAST),
    HENAN("henan", "Henan", "河南", GridRegion.CENTRAL),
    HUBEI("hubei", "Hubei", "湖北", GridRegion.CENTRAL),
    HUNAN("hunan", "Hunan", "湖南", GridRegion.CENTRAL),
    JIANGXI("jiangxi", "Jiangxi", "江西", GridRegion.CENTRAL),
    SHAANXI("shaanxi", "Shaanxi", "陕西", GridRegion.NORTH_WEST),
    GANSU("gansu", "Gansu", "甘肃", GridRegion.NORTH_WEST),
    QINGHAI("qinghai", "Qinghai", "青海", GridRegion.NORTH_WEST),
    NINGXIA("ningxia", "Ningxia", "宁夏", GridRegion.NORTH_WEST),
    XINJIANG("xinjiang", "Xinjiang", "新疆", GridRegion.NORTH_WEST),
    GUANGDONG("guangdong", "Guangdong", "广东", GridRegion.SOUTH),
    GUANGXI("guangxi", "Guangxi", "广西", GridRegion.SOUTH),
    YUNNAN("yunnan", "Yunnan", "云南", GridRegion.SOUTH),
    GUIZHOU("guizhou", "Guizhou", "贵州", GridRegion.SOUTH),
    HAINAN("hainan", "Hainan", "海南", GridRegion.SOUTH),
    SICHUAN("sichuan", "Sichuan", "四川", GridRegion.SOUTH_WEST),
    CHONGQING("chongqing", "Chongqing", "重庆", GridRegion.SOUTH_WEST),
    TIBET("tibet", "Tibet", "西藏", GridRegion.SOUTH_WEST);

    private final String word;
    private final Label label;
    private final GridRegion region;

    GridProvince(String word, String en, String zh, GridRegion region) {
        this.word = word;
        this.label = new Label(en, zh);
        this.region = region;
    }

    /** How the site file and the factor table write it. */
    public String word() {
        return word;
    }

    public Label label() {
        return label;
    }

    /** The regional grid it draws from. */
    public GridRegion region() {
        return region;
    }

    public static Optional<GridProvince> of(String word) {
        return Arrays.stream(values()).filter(c -> c.word.equals(word)).findFirst();
    }

    public static String words() {
        return String.join(", ", Arrays.stream(values()).map(GridProvince::word).toList());
    }
}
